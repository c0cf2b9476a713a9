package io.huitong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.NotificationSignature;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.protocols.iso20022.PayoutBatch;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.iso20022.TxStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Payouts the simulated bank sends back after paying them, and its settle delay set through the control API. */
class BankReturnsTest {

    private static final String KEY = "test-signing-key-0123456789abcdef";
    private static final Iso20022Codec CODEC = new Iso20022Codec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Simulator sim;
    private static PushReceiver receiver;
    private static LinkedBlockingQueue<Map.Entry<String, byte[]>> pushes;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimulatorOptions.loopback(), new BankOptions(KEY, Duration.ofSeconds(1)));
        receiver = PushReceiver.start();
        pushes = receiver.pushes;
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sim.close();
    }

    @AfterEach
    void defaults() throws Exception {
        control("PUT", "/control/channels/bank", "{\"settle_delay_ms\":1000}");
        pushes.clear();
    }

    private static String ref(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private static HttpResponse<String> control(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String pay(String reference, String account, long amount) throws Exception {
        PayoutBatch batch = new PayoutBatch(ref("B"), BankAccounts.SETTLEMENT, LocalDate.now(ZoneOffset.UTC),
                List.of(new PayoutBatch.Payout(reference, amount, "CNY", new BankAccount("102100099996", account, "Li Lei"), null)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.channel(Simulator.BANK).url() + "/iso20022/pain.001"))
                .header("Content-Type", "application/xml")
                .header("Notify-Url", receiver.url())
                .POST(HttpRequest.BodyPublishers.ofString(CODEC.write(batch))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return CODEC.readPayoutReport(response.body()).transactions().getFirst().status();
    }

    private static Map<String, Object> booked(String reference) {
        return sim.book(Simulator.BANK).stream().filter(e -> reference.equals(e.get("reference"))).findFirst().orElse(null);
    }

    private static String returnOf(String payout, String reason) {
        return "{\"reference\":\"" + payout + "\",\"reason\":\"" + reason + "\"}";
    }

    @Test
    void aPaidPayoutSentBackIsCreditedOnTheStatementAndPushedAsASignedPacs004() throws Exception {
        String payout = ref("po");
        assertThat(pay(payout, BankAccounts.SETTLES, 2_500)).isEqualTo(TxStatus.ACSC);

        HttpResponse<String> returned = control("POST", "/control/bank/returns", returnOf(payout, "AC04"));
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(201);
        JsonNode entry = JSON.readTree(returned.body());
        String returnId = entry.path("reference").asString();
        assertThat(returnId).startsWith("RTN");
        assertThat(entry.path("kind").asString()).isEqualTo("payout_return");
        assertThat(entry.path("state").asString()).isEqualTo("settled");
        assertThat(entry.path("amount").asLong()).isEqualTo(2_500);
        assertThat(entry.path("reason").asString()).isEqualTo("AC04");
        assertThat(entry.path("original_reference").asString()).isEqualTo(payout);
        assertThat(entry.path("notification").asString()).isEqualTo("delivered");
        assertThat(booked(payout).get("returned")).isEqualTo(2_500L);

        Map.Entry<String, byte[]> push = pushes.poll(5, TimeUnit.SECONDS);
        assertThat(push).isNotNull();
        assertThat(new NotificationSignature(KEY).verify(push.getKey(), push.getValue(), System.currentTimeMillis() / 1000, 60))
                .isEqualTo(NotificationSignature.Verdict.VALID);
        PaymentReturn message = CODEC.readPaymentReturn(new String(push.getValue(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(message.returnId()).isEqualTo(returnId);
        assertThat(message.originalReference()).isEqualTo(payout);
        assertThat(message.amount()).isEqualTo(2_500);
        assertThat(message.currency()).isEqualTo("CNY");
        assertThat(message.reason()).isEqualTo("AC04");

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Statement statement = CODEC.readStatement(new String(StatementHttp.statement(sim, Simulator.BANK, today),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(statement.entries()).contains(new Statement.Entry(payout, 2_500, "CNY", false, today, "payout"),
                new Statement.Entry(returnId, 2_500, "CNY", true, today, "payout_return"));
        long net = statement.entries().stream().mapToLong(Statement.Entry::signedAmount).sum();
        assertThat(statement.closingBalance()).isEqualTo(statement.openingBalance() + net);

        HttpResponse<String> again = control("POST", "/control/bank/returns", returnOf(payout, "AC04"));
        assertThat(again.statusCode()).as("a payout comes back once").isEqualTo(409);
        assertThat(sim.book(Simulator.BANK).stream().filter(e -> payout.equals(e.get("original_reference")))).hasSize(1);
    }

    @Test
    void badReturnsAreRefusedAndBookNothing() throws Exception {
        String rejected = ref("po");
        assertThat(pay(rejected, BankAccounts.INVALID_ACCOUNT, 100)).isEqualTo(TxStatus.RJCT);
        String pending = ref("po");
        control("PUT", "/control/channels/bank", "{\"settle_delay_ms\":60000}");
        assertThat(pay(pending, BankAccounts.SETTLES_LATER, 100)).isEqualTo(TxStatus.ACSP);
        int before = sim.book(Simulator.BANK).size();

        for (String bad : List.of("", "[]", "not json", "{\"reason\":\"AC04\"}", "{\"reference\":\"po_x\"}", returnOf("po_x", "ac04"),
                returnOf("po_x", "AC0"), "{\"reference\":\"po_x\",\"reason\":\"AC04\",\"amount\":1}", "{\"reference\":7,\"reason\":\"AC04\"}")) {
            HttpResponse<String> r = control("POST", "/control/bank/returns", bad);
            assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").path("message").asString()).isNotBlank();
        }
        assertThat(control("POST", "/control/bank/returns", returnOf(ref("po"), "AC04")).statusCode()).as("no such payout").isEqualTo(404);
        assertThat(control("POST", "/control/bank/returns", returnOf(rejected, "AC04")).statusCode()).as("rejected").isEqualTo(409);
        assertThat(control("POST", "/control/bank/returns", returnOf(pending, "AC04")).statusCode()).as("not settled yet").isEqualTo(409);
        assertThat(control("GET", "/control/bank/returns", null).statusCode()).isEqualTo(405);
        assertThat(control("POST", "/control/bank/other", "{}").statusCode()).isEqualTo(404);
        assertThat(sim.book(Simulator.BANK)).hasSize(before);
        assertThat(pushes).isEmpty();
    }

    @Test
    void theTestAccountThatClosesSendsItsPayoutBackAfterTheSettleDelay() throws Exception {
        control("PUT", "/control/channels/bank", "{\"settle_delay_ms\":50}");
        String payout = ref("po");
        assertThat(pay(payout, BankAccounts.RETURNED_LATER, 700)).isEqualTo(TxStatus.ACSC);
        Map.Entry<String, byte[]> push = pushes.poll(5, TimeUnit.SECONDS);
        assertThat(push).as("the return was pushed").isNotNull();
        PaymentReturn message = CODEC.readPaymentReturn(new String(push.getValue(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(message.originalReference()).isEqualTo(payout);
        assertThat(message.reason()).isEqualTo(TxStatus.AC04);
        assertThat(booked(message.returnId()).get("kind")).isEqualTo("payout_return");
    }

    @Test
    void theSettleDelayIsSetThroughTheControlApiWithinItsBounds() throws Exception {
        HttpResponse<String> set = control("PUT", "/control/channels/bank", "{\"settle_delay_ms\":4000,\"latency_ms\":0}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).path("settle_delay_ms").asLong()).isEqualTo(4000);
        for (String bad : List.of("{\"settle_delay_ms\":-1}", "{\"settle_delay_ms\":600001}", "{\"settle_delay_ms\":\"5\"}",
                "{\"settle_delay_ms\":1.5}", "{\"settle_delay_ms\":null}", "{\"settle_delay_ms\":100,\"mode\":\"sideways\"}")) {
            HttpResponse<String> r = control("PUT", "/control/channels/bank", bad);
            assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
        }
        assertThat(sim.channels().stream().filter(c -> c.name().equals(Simulator.BANK)).count()).isEqualTo(1);
        JsonNode bank = null;
        for (JsonNode c : JSON.readTree(control("GET", "/control/channels", null).body())) {
            if (c.path("name").asString().equals(Simulator.BANK)) {
                bank = c;
            }
        }
        assertThat(bank.path("settle_delay_ms").asLong()).as("bad values change nothing").isEqualTo(4000);
        assertThat(bank.path("mode").asString()).isEqualTo("up");
        assertThat(control("PUT", "/control/channels/acq_a", "{\"settle_delay_ms\":10}").statusCode())
                .as("only the bank settles later").isEqualTo(400);

        control("PUT", "/control/channels/bank", "{\"settle_delay_ms\":0}");
        String payout = ref("po");
        assertThat(pay(payout, BankAccounts.SETTLES_LATER, 100)).isEqualTo(TxStatus.ACSP);
        for (int i = 0; i < 100 && !"settled".equals(booked(payout).get("state")); i++) {
            Thread.sleep(20);
        }
        assertThat(booked(payout).get("state")).isEqualTo("settled");
    }
}
