package io.huitong.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.CancellationRequest;
import io.huitong.protocols.iso20022.CancellationResolution;
import io.huitong.protocols.iso20022.CreditTransfer;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.NotificationSignature;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.protocols.iso20022.PayoutBatch;
import io.huitong.protocols.iso20022.PayoutReport;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.iso20022.StatusRequest;
import io.huitong.protocols.iso20022.TransactionStatus;
import io.huitong.protocols.iso20022.TxStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
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

/** The simulated bank over HTTP: its test accounts, its book, its modes, its statement and its signed pushes. */
class BankPartyTest {

    private static final String KEY = "test-signing-key-0123456789abcdef";
    private static final Iso20022Codec CODEC = new Iso20022Codec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
    void healthy() {
        sim.configure(Simulator.BANK, ChannelSettings.HEALTHY);
        pushes.clear();
    }

    private static String ref(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private static String url() {
        return sim.channel(Simulator.BANK).url();
    }

    private static String notifyUrl() {
        return receiver.url();
    }

    private static HttpResponse<String> post(String message, String xml, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/iso20022/" + message)).timeout(timeout)
                .header("Content-Type", "application/xml").header("Notify-Url", notifyUrl())
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String message, String xml) throws IOException, InterruptedException {
        return post(message, xml, Duration.ofSeconds(5));
    }

    private static CreditTransfer transfer(String reference, String account, long amount) {
        return new CreditTransfer("M" + reference, reference, "I" + reference, null, amount, "CNY",
                new BankAccount("102100099996", account, "Li Lei"), BankAccounts.SETTLEMENT, LocalDate.now(ZoneOffset.UTC), null);
    }

    private static TransactionStatus pay(String reference, String account, long amount) throws Exception {
        HttpResponse<String> response = post("pacs.008", CODEC.write(transfer(reference, account, amount)));
        assertThat(response.statusCode()).isEqualTo(200);
        return CODEC.readStatusReport(response.body()).single();
    }

    private static Map<String, Object> booked(String reference) {
        return sim.book(Simulator.BANK).stream().filter(e -> reference.equals(e.get("reference"))).findFirst().orElse(null);
    }

    private static TransactionStatus query(String reference) throws Exception {
        return CODEC.readStatusReport(post("pacs.028", CODEC.write(new StatusRequest("Q" + reference, reference))).body()).single();
    }

    @Test
    void theBankIsListedWithItsUrl() {
        ChannelInfo bank = sim.channel(Simulator.BANK);
        assertThat(bank.protocol()).isEqualTo("iso20022");
        assertThat(bank.url()).startsWith("http://127.0.0.1:");
        assertThat(sim.bankSigningKey()).isEqualTo(KEY);
    }

    @Test
    void eachTestAccountGetsItsAnswerAndTheBookShowsItMasked() throws Exception {
        String ok = ref("pay");
        assertThat(pay(ok, BankAccounts.SETTLES, 1234)).isEqualTo(TransactionStatus.of(ok, TxStatus.ACSC, null, 1234, "CNY"));
        assertThat(pay(ref("pay"), BankAccounts.INSUFFICIENT_FUNDS, 100).reason()).isEqualTo(TxStatus.AM04);
        assertThat(pay(ref("pay"), BankAccounts.INVALID_ACCOUNT, 100).reason()).isEqualTo(TxStatus.AC01);
        assertThat(pay(ref("pay"), BankAccounts.CLOSED_ACCOUNT, 100).reason()).isEqualTo(TxStatus.AC04);
        Map<String, Object> entry = booked(ok);
        assertThat(entry).containsEntry("kind", "transfer").containsEntry("state", "settled").containsEntry("amount", 1234L)
                .containsEntry("masked_account", "****4242");
        assertThat(sim.book(Simulator.BANK).toString()).doesNotContain(BankAccounts.SETTLES, BankAccounts.INSUFFICIENT_FUNDS);
    }

    @Test
    void aRepeatedTransferIsAnsweredWithTheOriginalsStatusAndBookedOnce() throws Exception {
        String reference = ref("pay");
        pay(reference, BankAccounts.SETTLES, 500);
        assertThat(pay(reference, BankAccounts.SETTLES, 500).status()).isEqualTo(TxStatus.ACSC);
        assertThat(sim.book(Simulator.BANK).stream().filter(e -> reference.equals(e.get("reference")))).hasSize(1);
    }

    @Test
    void aPendingTransferSettlesLaterAndIsPushedSigned() throws Exception {
        String reference = ref("pay");
        assertThat(pay(reference, BankAccounts.SETTLES_LATER, 900).status()).isEqualTo(TxStatus.ACSP);
        assertThat(query(reference).status()).isEqualTo(TxStatus.ACSP);
        Map.Entry<String, byte[]> push = pushes.poll(5, TimeUnit.SECONDS);
        assertThat(push).isNotNull();
        NotificationSignature signature = new NotificationSignature(KEY);
        assertThat(signature.verify(push.getKey(), push.getValue(), System.currentTimeMillis() / 1000, 300))
                .isEqualTo(NotificationSignature.Verdict.VALID);
        TransactionStatus pushed = CODEC.readStatusReport(new String(push.getValue(), java.nio.charset.StandardCharsets.UTF_8)).single();
        assertThat(pushed).isEqualTo(TransactionStatus.of(reference, TxStatus.ACSC, null, 900, "CNY"));
        assertThat(query(reference).status()).isEqualTo(TxStatus.ACSC);
        awaitNotification(reference, "delivered");
    }

    @Test
    void aPendingTransferCanFailLater() throws Exception {
        String reference = ref("pay");
        assertThat(pay(reference, BankAccounts.FAILS_LATER, 900).status()).isEqualTo(TxStatus.ACSP);
        Map.Entry<String, byte[]> push = pushes.poll(5, TimeUnit.SECONDS);
        TransactionStatus pushed = CODEC.readStatusReport(new String(push.getValue(), java.nio.charset.StandardCharsets.UTF_8)).single();
        assertThat(pushed.status()).isEqualTo(TxStatus.RJCT);
        assertThat(pushed.reason()).isEqualTo(TxStatus.AM04);
    }

    private static void awaitNotification(String reference, String outcome) throws InterruptedException {
        for (int i = 0; i < 50 && !outcome.equals(booked(reference).get("notification")); i++) {
            Thread.sleep(50);
        }
        assertThat(booked(reference)).containsEntry("notification", outcome);
    }

    @Test
    void anUnknownReferenceIsNotFound() throws Exception {
        HttpResponse<String> response = post("pacs.028", CODEC.write(new StatusRequest("Q1", "pay_nobody")));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(CODEC.readStatusReport(response.body()).single().reason()).isEqualTo(TxStatus.NOT_FOUND);
    }

    @Test
    void aPendingTransferIsCancelledButASettledOneIsNot() throws Exception {
        String pending = ref("pay");
        pay(pending, BankAccounts.SETTLES_LATER, 300);
        CancellationResolution cancelled = CODEC.readCancellationResolution(
                post("camt.056", CODEC.write(new CancellationRequest("C" + pending, pending, "CUST"))).body());
        assertThat(cancelled.cancelled()).isTrue();
        Thread.sleep(1_200);
        assertThat(booked(pending)).containsEntry("state", "cancelled");
        assertThat(pushes).isEmpty();
        assertThat(query(pending).status()).isEqualTo(TxStatus.RJCT);

        String settled = ref("pay");
        pay(settled, BankAccounts.SETTLES, 300);
        CancellationResolution refused = CODEC.readCancellationResolution(
                post("camt.056", CODEC.write(new CancellationRequest("C" + settled, settled, "CUST"))).body());
        assertThat(refused).isEqualTo(new CancellationResolution("C" + settled, settled, CancellationResolution.REJECTED,
                CancellationResolution.ALREADY_SETTLED));

        assertThat(CODEC.readCancellationResolution(post("camt.056", CODEC.write(new CancellationRequest("C1", "pay_never", null))).body())
                .cancelled()).isTrue();
    }

    @Test
    void returnsAreBoundedByWhatSettled() throws Exception {
        String payment = ref("pay");
        pay(payment, BankAccounts.SETTLES, 1000);
        String first = ref("re");
        assertThat(ret(first, payment, 600).status()).isEqualTo(TxStatus.ACSC);
        assertThat(ret(first, payment, 600).status()).as("idempotent").isEqualTo(TxStatus.ACSC);
        assertThat(ret(ref("re"), payment, 600).reason()).isEqualTo("AM02");
        assertThat(ret(ref("re"), "pay_nobody", 1).reason()).isEqualTo("NOOR");
        assertThat(booked(payment)).containsEntry("returned", 600L);
        assertThat(booked(first)).containsEntry("kind", "return").containsEntry("original_reference", payment);
    }

    private static TransactionStatus ret(String id, String payment, long amount) throws Exception {
        return CODEC.readStatusReport(post("pacs.004", CODEC.write(new PaymentReturn("M" + id, id, payment, amount, "CNY", "CUST"))).body())
                .single();
    }

    @Test
    void aPayoutBatchIsAnsweredPerPayoutAndTheStatementShowsTheDay() throws Exception {
        String in = ref("pay");
        pay(in, BankAccounts.SETTLES, 10_000);
        String ok = ref("po");
        String bad = ref("po");
        String later = ref("po");
        PayoutBatch batch = new PayoutBatch(ref("B"), BankAccounts.SETTLEMENT, LocalDate.now(ZoneOffset.UTC), List.of(
                new PayoutBatch.Payout(ok, 2_000, "CNY", new BankAccount("102100099996", BankAccounts.SETTLES, "A"), null),
                new PayoutBatch.Payout(bad, 100, "CNY", new BankAccount("102100099996", BankAccounts.INVALID_ACCOUNT, "B"), null),
                new PayoutBatch.Payout(later, 300, "CNY", new BankAccount("102100099996", BankAccounts.SETTLES_LATER, "C"), null)));
        PayoutReport report = CODEC.readPayoutReport(post("pain.001", CODEC.write(batch)).body());
        assertThat(report.originalMessageId()).isEqualTo(batch.messageId());
        assertThat(report.groupStatus()).isEqualTo(TxStatus.ACSP);
        assertThat(report.transactions()).extracting(TransactionStatus::status).containsExactly(TxStatus.ACSC, TxStatus.RJCT, TxStatus.ACSP);
        assertThat(report.transactions().get(1).reason()).isEqualTo(TxStatus.AC01);
        for (int i = 0; i < 60 && !query(later).settled(); i++) {
            Thread.sleep(50);
        }
        assertThat(query(later).status()).isEqualTo(TxStatus.ACSC);

        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")); // the bank's business date
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/iso20022/camt.053?date=" + today)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Statement statement = CODEC.readStatement(response.body());
        assertThat(statement.date()).isEqualTo(today);
        assertThat(statement.account().number()).isEqualTo(BankAccounts.SETTLEMENT.number());
        assertThat(statement.entries()).contains(new Statement.Entry(in, 10_000, "CNY", true, today, "transfer"),
                new Statement.Entry(ok, 2_000, "CNY", false, today, "payout"), new Statement.Entry(later, 300, "CNY", false, today, "payout"));
        assertThat(statement.entries()).extracting(Statement.Entry::reference).doesNotContain(bad);
        long net = statement.entries().stream().mapToLong(e -> e.credit() ? e.amount() : -e.amount()).sum();
        assertThat(statement.closingBalance()).isEqualTo(statement.openingBalance() + net);

        Statement yesterday = CODEC.readStatement(HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/iso20022/camt.053?date=" + today.minusDays(1)))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(yesterday.entries()).isEmpty();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/iso20022/camt.053")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    @Test
    void downAndErrorBookNothing() throws Exception {
        sim.configure(Simulator.BANK, new ChannelSettings(Mode.DOWN, 0, 0));
        String down = ref("pay");
        assertThat(post("pacs.008", CODEC.write(transfer(down, BankAccounts.SETTLES, 1))).statusCode()).isEqualTo(503);
        sim.configure(Simulator.BANK, new ChannelSettings(Mode.ERROR, 0, 0));
        String error = ref("pay");
        assertThat(post("pacs.008", CODEC.write(transfer(error, BankAccounts.SETTLES, 1))).statusCode()).isEqualTo(500);
        sim.configure(Simulator.BANK, new ChannelSettings(Mode.UP, 0, 1.0));
        assertThat(post("pacs.008", CODEC.write(transfer(ref("pay"), BankAccounts.SETTLES, 1))).statusCode()).isEqualTo(500);
        assertThat(booked(down)).isNull();
        assertThat(booked(error)).isNull();
    }

    @Test
    void timeoutNeverAnswersAndLateApproveBooksBeforeAnsweringLate() throws Exception {
        sim.configure(Simulator.BANK, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        String swallowed = ref("pay");
        assertThatThrownBy(() -> post("pacs.008", CODEC.write(transfer(swallowed, BankAccounts.SETTLES, 1)), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(booked(swallowed)).isNull();

        sim.configure(Simulator.BANK, new ChannelSettings(Mode.LATE_APPROVE, 1_000, 0));
        String late = ref("pay");
        assertThatThrownBy(() -> post("pacs.008", CODEC.write(transfer(late, BankAccounts.SETTLES, 1)), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(booked(late)).containsEntry("state", "settled");
    }

    @Test
    void anUnreadableMessageIsA400() throws Exception {
        HttpResponse<String> response = post("pacs.008", "<Document>nonsense");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(post("pacs.999", CODEC.write(new StatusRequest("Q", "x"))).statusCode()).isEqualTo(404);
    }
}
