package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.ledger.Account;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.NotificationSignature;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.statements.BankStatementReader;
import io.huitong.testsupport.Api;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Payouts the simulated bank sends back: its control API, the pushed pacs.004, and what the platform shows of them. */
abstract class PayoutReturnFixtures extends ReconciliationFixtures {

    static final Iso20022Codec CODEC = new Iso20022Codec();
    static final JsonMapper JSON = JsonMapper.builder().build();

    String merchantOf(String payout) {
        return jdbc.sql("select merchant_id from payout where id = ?").param(payout).query(String.class).single();
    }

    long available(String merchant) {
        return ledger.account(merchant + ":available:CNY").map(Account::availableBalance).orElse(0L);
    }

    long events(String merchant, String type) {
        return jdbc.sql("select count(*) from event where merchant_id = ? and type = ?").params(merchant, type).query(Long.class).single();
    }

    String status(String payout) {
        return jdbc.sql("select status from payout where id = ?").param(payout).query(String.class).single();
    }

    /** The simulated bank sends the payout back: answers the return's entry of its book. */
    JsonNode sendBack(String reference, String reason) {
        HttpResponse<String> r = control("POST", "/control/bank/returns", "{\"reference\":\"" + reference + "\",\"reason\":\"" + reason + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    /** A pacs.004 as the bank pushes it, signed with {@code key}, posted to the platform's notify URL of the bank. */
    Api.Response push(PaymentReturn r, String key) {
        byte[] body = CODEC.write(r).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = api.request("/notify/bank").header("Content-Type", "application/xml")
                .header(NotificationSignature.HEADER, new NotificationSignature(key).sign(Instant.now().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return api.send(request.build());
    }

    String bankKey() {
        return EmbeddedSimulators.of(context).bankSigningKey();
    }

    static PaymentReturn returnOf(String returnId, String payout, long amount, String reason) {
        return new PaymentReturn("BANK" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), returnId, payout, amount, "CNY", reason);
    }

    List<Statement.Entry> entries(String reference) {
        List<Statement.Entry> found = new ArrayList<>();
        try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(statement("bank", today())))) {
            for (Statement.Entry e; (e = r.next()) != null; ) {
                if (e.reference().equals(reference)) {
                    found.add(e);
                }
            }
        }
        return found;
    }
}
