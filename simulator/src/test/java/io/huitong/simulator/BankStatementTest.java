package io.huitong.simulator;

import static io.huitong.simulator.StatementHttp.HTTP;
import static io.huitong.simulator.StatementHttp.get;
import static io.huitong.simulator.StatementHttp.putFaults;
import static io.huitong.simulator.StatementHttp.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.CreditTransfer;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.protocols.iso20022.PayoutBatch;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.iso20022.TxStatus;
import io.huitong.protocols.statements.BankStatementReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bank's camt.053 from its book, over its own endpoint and the control API, with faults planted in it. */
class BankStatementTest extends SimulatorTestSupport {

    private static final Iso20022Codec CODEC = new Iso20022Codec();
    private static final BankAccount PAYER = new BankAccount("102100099996", BankAccounts.SETTLES, "Li Lei");

    /** What a statement says: its head and its entries. */
    record Read(BankStatementReader.Header header, List<Statement.Entry> entries) {
        List<Statement.Entry> of(String reference) {
            return entries.stream().filter(e -> e.reference().equals(reference)).toList();
        }
    }

    @AfterEach
    void noFaults() throws Exception {
        StatementHttp.clearFaults(sim, Simulator.BANK);
    }

    private static Read read(byte[] xml) {
        try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(xml))) {
            List<Statement.Entry> entries = new ArrayList<>();
            for (Statement.Entry e; (e = r.next()) != null; ) {
                entries.add(e);
            }
            return new Read(r.header(), entries);
        }
    }

    /** The statement over the bank's own interface, {@code GET /iso20022/camt.053?date=}. */
    private static Read camt053(LocalDate date) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.channel(Simulator.BANK).url() + "/iso20022/camt.053?date=" + date))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return read(response.body());
    }

    private static String post(String message, String xml) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.channel(Simulator.BANK).url() + "/iso20022/" + message))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void payIn(String reference, long amount) throws Exception {
        String answer = post("pacs.008", CODEC.write(new CreditTransfer("M" + reference, reference, "I" + reference, null, amount, "CNY", PAYER,
                BankAccounts.SETTLEMENT, today(), null)));
        assertThat(CODEC.readStatusReport(answer).single().status()).isEqualTo(TxStatus.ACSC);
    }

    private static void payOut(String... references) throws Exception {
        List<PayoutBatch.Payout> payouts = new ArrayList<>();
        for (String reference : references) {
            payouts.add(new PayoutBatch.Payout(reference, 2_000, "CNY", PAYER, null));
        }
        post("pain.001", CODEC.write(new PayoutBatch("B" + references[0], BankAccounts.SETTLEMENT, today(), payouts)));
    }

    private static void payOut(String batch, Boolean batchBooking, List<PayoutBatch.Payout> payouts) throws Exception {
        post("pain.001", CODEC.write(new PayoutBatch(batch, BankAccounts.SETTLEMENT, today(), payouts, batchBooking)));
    }

    private static PayoutBatch.Payout payout(String reference, long amount, String account) {
        return new PayoutBatch.Payout(reference, amount, "CNY", new BankAccount("102100099996", account, "Han Meimei"), null);
    }

    private static String ref(String prefix) {
        return prefix + ref().substring(3);
    }

    @Test
    void theStatementShowsPayInsPayoutsWithdrawalsAndReturnsAndAddsUp() throws Exception {
        String in = ref("pay");
        String payout = ref("po");
        String withdrawal = ref("wdr");
        String giveBack = ref("ret");
        payIn(in, 10_000);
        payOut(payout, withdrawal);
        post("pacs.004", CODEC.write(new PaymentReturn("R" + giveBack, giveBack, in, 1_000, "CNY", "CUST")));

        HttpResponse<byte[]> response = get(sim, "/control/statements/bank?date=" + today());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
        Read statement = read(response.body());
        assertThat(statement.header().account().number()).isEqualTo(BankAccounts.SETTLEMENT.number());
        assertThat(statement.header().date()).isEqualTo(today());
        assertThat(statement.of(in)).containsExactly(new Statement.Entry(in, 10_000, "CNY", true, today(), "transfer"));
        assertThat(statement.of(payout)).containsExactly(new Statement.Entry(payout, 2_000, "CNY", false, today(), "payout"));
        assertThat(statement.of(withdrawal)).containsExactly(new Statement.Entry(withdrawal, 2_000, "CNY", false, today(), "payout"));
        assertThat(statement.of(giveBack)).containsExactly(new Statement.Entry(giveBack, 1_000, "CNY", false, today(), "return"));
        assertThat(camt053(today()).entries()).as("the bank's own endpoint").isEqualTo(statement.entries());
        Read tomorrow = camt053(today().plusDays(1));
        long net = statement.entries().stream().mapToLong(Statement.Entry::signedAmount).sum();
        assertThat(tomorrow.header().openingBalance()).isEqualTo(statement.header().openingBalance() + net).isEqualTo(statement.header().closingBalance());
    }

    @Test
    void faultsChangeExactlyWhatTheySayOnBothEndpoints() throws Exception {
        String kept = ref("pay");
        String dropped = ref("pay");
        String doubled = ref("pay");
        String changed = ref("pay");
        String reversed = ref("pay");
        String late = ref("po");
        for (String reference : List.of(kept, dropped, doubled, changed, reversed)) {
            payIn(reference, 5_000);
        }
        payOut(late);
        Read before = camt053(today());
        String body = "{\"drop\":[\"" + dropped + "\"],\"duplicate\":[\"" + doubled + "\"],\"amount\":{\"" + changed + "\":-1200},"
                + "\"status\":[\"" + reversed + "\"],\"delay\":[\"" + late + "\"],\"unknown\":3}";
        assertThat(putFaults(sim, Simulator.BANK, body).statusCode()).isEqualTo(200);

        Read after = camt053(today());
        assertThat(read(StatementHttp.statement(sim, Simulator.BANK, today())).entries()).as("the control API serves the same").isEqualTo(after.entries());
        assertThat(after.of(kept)).isEqualTo(before.of(kept));
        assertThat(after.of(dropped)).isEmpty();
        assertThat(after.of(doubled)).hasSize(2).containsOnly(before.of(doubled).getFirst());
        assertThat(after.of(changed)).extracting(Statement.Entry::amount).containsExactly(3_800L);
        assertThat(after.of(reversed)).containsExactly(new Statement.Entry(reversed, 5_000, "CNY", false, today(), "transfer", true));
        assertThat(after.of(late)).isEmpty();
        assertThat(after.entries().stream().filter(e -> e.reference().startsWith("pay_UNKNOWN")).toList()).hasSize(3)
                .allSatisfy(e -> assertThat(before.of(e.reference())).isEmpty());
        Set<String> touched = Set.of(dropped, doubled, changed, reversed, late);
        assertThat(after.entries().stream().filter(e -> !touched.contains(e.reference()) && !e.reference().startsWith("pay_UNKNOWN")).toList())
                .isEqualTo(before.entries().stream().filter(e -> !touched.contains(e.reference())).toList());
        assertThat(after.header().openingBalance()).isEqualTo(before.header().openingBalance());

        Read next = camt053(today().plusDays(1));
        assertThat(next.of(late)).containsExactly(new Statement.Entry(late, 2_000, "CNY", false, today().plusDays(1), "payout"));
        long net = before.entries().stream().filter(e -> !e.reference().equals(late)).mapToLong(Statement.Entry::signedAmount).sum();
        assertThat(next.header().openingBalance()).as("the delayed payout counts from the next day").isEqualTo(before.header().openingBalance() + net);
    }

    @Test
    void aBatchAskedToBeBookedAsOneIsOneEntryOfThePayoutsItMade() throws Exception {
        String batch = ref("pob");
        String first = ref("po");
        String second = ref("po");
        String refused = ref("po");
        payOut(batch, true, List.of(payout(first, 2_000, BankAccounts.SETTLES), payout(second, 3_500, BankAccounts.SETTLES),
                payout(refused, 900, BankAccounts.INVALID_ACCOUNT)));
        String alone = ref("po");
        payOut(ref("pob"), true, List.of(payout(alone, 700, BankAccounts.SETTLES)));
        String apartBatch = ref("pob");
        String apart1 = ref("po");
        String apart2 = ref("po");
        payOut(apartBatch, false, List.of(payout(apart1, 100, BankAccounts.SETTLES), payout(apart2, 200, BankAccounts.SETTLES)));

        Read statement = read(StatementHttp.statement(sim, Simulator.BANK, today()));
        assertThat(statement.of(batch)).as("the payouts the bank made, not the one it refused").containsExactly(new Statement.Entry(batch, 5_500,
                "CNY", false, today(), "payout", false, new Statement.Batch(batch, batch, 2, List.of(new Statement.Transaction(first, 2_000),
                        new Statement.Transaction(second, 3_500)))));
        assertThat(statement.of(first)).isEmpty();
        assertThat(statement.of(second)).isEmpty();
        assertThat(statement.of(refused)).isEmpty();
        assertThat(statement.of(alone)).as("a batch of one is booked as the payout").containsExactly(new Statement.Entry(alone, 700, "CNY",
                false, today(), "payout"));
        assertThat(statement.of(apartBatch)).isEmpty();
        assertThat(statement.of(apart1)).containsExactly(new Statement.Entry(apart1, 100, "CNY", false, today(), "payout"));
        assertThat(statement.of(apart2)).containsExactly(new Statement.Entry(apart2, 200, "CNY", false, today(), "payout"));
        assertThat(camt053(today()).entries()).as("the bank's own endpoint").isEqualTo(statement.entries());

        assertThat(putFaults(sim, Simulator.BANK, "{\"amount\":{\"" + batch + "\":-500}}").statusCode()).isEqualTo(200);
        Read changed = camt053(today());
        assertThat(changed.of(batch)).extracting(Statement.Entry::amount).as("faults name the batch").containsExactly(5_000L);
        assertThat(changed.of(batch).getFirst().batch()).isEqualTo(statement.of(batch).getFirst().batch());
        assertThat(changed.header().closingBalance()).isEqualTo(statement.header().closingBalance() + 500);
    }

    @Test
    void aBankThatBooksBatchesAsOneByAgreementDoesSoWhenThePain001DoesNotSay() throws Exception {
        assertThat(BankOptions.fromEnvironment(Map.of()).batchBooking()).isFalse();
        assertThat(BankOptions.fromEnvironment(Map.of("HUITONG_SIM_BANK_BATCH_BOOKING", "true")).batchBooking()).isTrue();
        assertThatThrownBy(() -> BankOptions.fromEnvironment(Map.of("HUITONG_SIM_BANK_BATCH_BOOKING", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true or false");
        BankOptions byAgreement = new BankOptions(BankOptions.random().signingKey(), Duration.ofSeconds(1), true);
        try (Simulator bank = Simulator.start(SimulatorOptions.loopback(), byAgreement)) {
            String batch = ref("pob");
            String first = ref("po");
            String second = ref("po");
            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(bank.channel(Simulator.BANK).url() + "/iso20022/pain.001"))
                    .POST(HttpRequest.BodyPublishers.ofString(CODEC.write(new PayoutBatch(batch, BankAccounts.SETTLEMENT, today(),
                            List.of(payout(first, 2_000, BankAccounts.SETTLES), payout(second, 3_000, BankAccounts.SETTLES)))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(200);
            Read statement = read(StatementHttp.statement(bank, Simulator.BANK, today()));
            assertThat(statement.entries()).extracting(Statement.Entry::reference).containsExactly(batch);
            assertThat(statement.of(batch).getFirst().amount()).isEqualTo(5_000);
        }
    }
}
