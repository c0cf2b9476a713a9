package io.huitong.channels.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.channels.ChannelRetry;
import io.huitong.channels.NotificationReceiver;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.NotificationSignature;
import io.huitong.protocols.iso20022.StatusReport;
import io.huitong.protocols.iso20022.TransactionStatus;
import io.huitong.protocols.iso20022.TxStatus;
import io.huitong.simulator.BankAccounts;
import io.huitong.simulator.BankOptions;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.simulator.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The ISO 20022 bank connector against the simulator's bank, over real HTTP on loopback. */
class Iso20022BankChannelTest {

    private static final String KEY = "connector-test-key-0123456789abcdef";
    private static final Duration REPLY_TIMEOUT = Duration.ofMillis(1000);
    private static Simulator sim;
    private static HttpServer notifyServer;
    private static volatile Iso20022BankChannel receiving;
    private static final Recording notifications = new Recording();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Iso20022BankChannel> opened = new ArrayList<>();

    /** Payments' side of notifications, as a list. */
    static final class Recording implements OrderNotifications {
        record Call(String channel, String reference, OrderStatus status) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        volatile Outcome answer = Outcome.ACCEPTED;

        @Override
        public Outcome notify(String channel, String reference, OrderStatus status) {
            calls.add(new Call(channel, reference, status));
            return answer;
        }

        Call await(String reference) throws InterruptedException {
            for (int i = 0; i < 100; i++) {
                for (Call c : calls) {
                    if (c.reference().equals(reference)) {
                        return c;
                    }
                }
                Thread.sleep(50);
            }
            return null;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        // pending transfers settle after a second; the first use of each message type (its JAXB context) is slow, so
        // every type is used once before the tests race that second
        sim = Simulator.start(SimulatorOptions.loopback(), new BankOptions(KEY, Duration.ofSeconds(1)));
        warmUp();
        // stands in for the platform's POST /notify/{channel}: hands what arrives to the connector
        notifyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        notifyServer.createContext("/notify/bank", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                NotificationReceiver.Reply reply = receiving.receive(new NotificationReceiver.Inbound(
                        exchange.getRequestHeaders().getFirst("Content-Type"), headers, exchange.getRequestBody().readAllBytes()));
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        });
        notifyServer.start();
    }

    private static void warmUp() {
        Iso20022Codec codec = new Iso20022Codec();
        io.huitong.protocols.iso20022.BankAccount account = BankAccounts.SETTLEMENT;
        codec.readCreditTransfer(codec.write(new io.huitong.protocols.iso20022.CreditTransfer("M", "r", "i", null, 1, "CNY", account, account,
                LocalDate.now(), null)));
        codec.readStatusReport(codec.write(new StatusReport("M", null, null, List.of(TransactionStatus.of("r", TxStatus.ACSC, null, 1, "CNY")))));
        codec.readStatusRequest(codec.write(new io.huitong.protocols.iso20022.StatusRequest("M", "r")));
        codec.readCancellationRequest(codec.write(new io.huitong.protocols.iso20022.CancellationRequest("C", "r", null)));
        codec.readCancellationResolution(codec.write(new io.huitong.protocols.iso20022.CancellationResolution("C", "r", "CNCL", null)));
        codec.readPaymentReturn(codec.write(new io.huitong.protocols.iso20022.PaymentReturn("M", "x", "r", 1, "CNY", null)));
    }

    @AfterAll
    static void stop() {
        notifyServer.stop(0);
        sim.close();
    }

    @AfterEach
    void reset() {
        opened.forEach(Iso20022BankChannel::close);
        sim.configure(Simulator.BANK, ChannelSettings.HEALTHY);
        notifications.answer = OrderNotifications.Outcome.ACCEPTED;
    }

    private Iso20022BankChannel channel() {
        return channel(URI.create(sim.channel(Simulator.BANK).url()));
    }

    private Iso20022BankChannel channel(URI url) {
        Iso20022BankChannel channel = new Iso20022BankChannel("bank", BankChannelSettings.of(url, BankAccounts.SETTLEMENT, KEY,
                Duration.ofSeconds(1), REPLY_TIMEOUT), notifications, Clock.systemUTC(), registry);
        opened.add(channel);
        receiving = channel;
        return channel;
    }

    private static String ref(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    private static OrderRequest order(String reference, String account, long amount) {
        return new OrderRequest(reference, "mer_01JDTESTMERCHANT0000000000", "Test Shop", Money.of(amount, "CNY"), "Order 42",
                new PayerAccount("102100099996", account, "Li Lei"), Instant.now().plusSeconds(900),
                "http://127.0.0.1:" + notifyServer.getAddress().getPort() + "/notify/bank");
    }

    private static Map<String, Object> booked(String reference) {
        return sim.book(Simulator.BANK).stream().filter(e -> reference.equals(e.get("reference"))).findFirst().orElse(null);
    }

    private void mode(Mode mode, long latencyMs) {
        sim.configure(Simulator.BANK, new ChannelSettings(mode, latencyMs, 0.0));
    }

    @Test
    void aTransferFromAnOrdinaryAccountIsPaidAtOnce() {
        Iso20022BankChannel bank = channel();
        String reference = ref("pay");
        assertThat(bank.open(order(reference, BankAccounts.SETTLES, 1050))).isEqualTo(new OrderResult.Paid(reference));
        assertThat(booked(reference)).containsEntry("state", "settled").containsEntry("amount", 1050L);
        assertThat(bank.query(reference)).isEqualTo(new OrderStatus.Paid(reference, Money.of(1050, "CNY")));
        assertThat(bank.open(order(reference, BankAccounts.SETTLES, 1050))).as("sent again: paid once").isEqualTo(new OrderResult.Paid(reference));
        assertThat(sim.book(Simulator.BANK).stream().filter(e -> reference.equals(e.get("reference")))).hasSize(1);
        assertThat(registry.counter("huitong.channel.approvals", "channel", "bank", "operation", "open").count()).isEqualTo(2);
        assertThat(registry.timer("huitong.channel.latency", "channel", "bank", "operation", "open").count()).isEqualTo(2);
        assertThat(bank.status().protocol()).isEqualTo("iso20022");
        assertThat(bank.status().kind()).isEqualTo("bank_transfer");
        assertThat(bank.status().port()).isEqualTo(sim.channel(Simulator.BANK).port());
    }

    @Test
    void rejectionsCarryApiCodes() {
        Iso20022BankChannel bank = channel();
        assertThat(bank.open(order(ref("pay"), BankAccounts.INSUFFICIENT_FUNDS, 100))).isInstanceOfSatisfying(OrderResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("insufficient_funds"));
        assertThat(bank.open(order(ref("pay"), BankAccounts.INVALID_ACCOUNT, 100))).isInstanceOfSatisfying(OrderResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("invalid_account"));
        String closed = ref("pay");
        assertThat(bank.open(order(closed, BankAccounts.CLOSED_ACCOUNT, 100))).isInstanceOfSatisfying(OrderResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("invalid_account"));
        assertThat(bank.query(closed)).isInstanceOfSatisfying(OrderStatus.Failed.class, f -> assertThat(f.code()).isEqualTo("invalid_account"));
        assertThat(registry.counter("huitong.channel.declines", "channel", "bank", "operation", "open").count()).isEqualTo(3);
        assertThat(bank.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aPendingTransferOpensAndItsSettlementArrivesSignedThroughTheReceiver() throws Exception {
        Iso20022BankChannel bank = channel();
        String reference = ref("pay");
        OrderRequest request = order(reference, BankAccounts.SETTLES_LATER, 2000);
        assertThat(bank.open(request)).isEqualTo(new OrderResult.Opened(reference, null, request.expiresAt()));
        assertThat(bank.query(reference)).isEqualTo(new OrderStatus.Pending());
        Recording.Call call = notifications.await(reference);
        assertThat(call).isEqualTo(new Recording.Call("bank", reference, new OrderStatus.Paid(reference, Money.of(2000, "CNY"))));
        awaitNotification(reference, "delivered");

        String failing = ref("pay");
        assertThat(bank.open(order(failing, BankAccounts.FAILS_LATER, 2000))).isInstanceOf(OrderResult.Opened.class);
        assertThat(notifications.await(failing).status()).isInstanceOfSatisfying(OrderStatus.Failed.class,
                f -> assertThat(f.code()).isEqualTo("insufficient_funds"));
    }

    @Test
    void aNotificationPaymentsRejectsIsAnswered4xx() throws Exception {
        Iso20022BankChannel bank = channel();
        notifications.answer = OrderNotifications.Outcome.REJECTED;
        String reference = ref("pay");
        bank.open(order(reference, BankAccounts.SETTLES_LATER, 2000));
        assertThat(notifications.await(reference)).isNotNull();
        awaitNotification(reference, "refused 422");
    }

    private static void awaitNotification(String reference, String outcome) throws InterruptedException {
        for (int i = 0; i < 60 && !outcome.equals(booked(reference).get("notification")); i++) {
            Thread.sleep(50);
        }
        assertThat(booked(reference)).containsEntry("notification", outcome);
    }

    @Test
    void badMissingAndStaleSignaturesAreRefusedAndChangeNothing() {
        Iso20022BankChannel bank = channel();
        String reference = ref("pay");
        byte[] body = new Iso20022Codec().write(new StatusReport("M1", null, Iso20022Codec.PACS_008,
                List.of(TransactionStatus.of(reference, TxStatus.ACSC, null, 100, "CNY")))).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        NotificationSignature right = new NotificationSignature(KEY);
        NotificationSignature wrong = new NotificationSignature("another-key-0123456789abcdef");
        assertThat(bank.receive(inbound(null, body)).status()).isEqualTo(401);
        assertThat(bank.receive(inbound(wrong.sign(now, body), body)).status()).isEqualTo(401);
        assertThat(bank.receive(inbound(right.sign(now - 3600, body), body)).status()).isEqualTo(401);
        assertThat(bank.receive(inbound("t=x,v1=y", body)).status()).isEqualTo(400);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("1.00", "9.00").getBytes(StandardCharsets.UTF_8);
        assertThat(bank.receive(inbound(right.sign(now, body), tampered)).status()).isEqualTo(401);
        byte[] garbage = "<Document>".getBytes(StandardCharsets.UTF_8);
        assertThat(bank.receive(inbound(right.sign(now, garbage), garbage)).status()).isEqualTo(400);
        assertThat(notifications.calls).noneMatch(c -> c.reference().equals(reference));

        assertThat(bank.receive(inbound(right.sign(now, body), body)).status()).isEqualTo(200);
        assertThat(notifications.calls).anyMatch(c -> c.reference().equals(reference));
    }

    private static NotificationReceiver.Inbound inbound(String signature, byte[] body) {
        return new NotificationReceiver.Inbound("application/xml", signature == null ? Map.of() : Map.of("signature", List.of(signature)), body);
    }

    @Test
    void aPendingTransferCanBeClosedButAPaidOneCannot() throws Exception {
        Iso20022BankChannel bank = channel();
        String pending = ref("pay");
        bank.open(order(pending, BankAccounts.SETTLES_LATER, 700));
        assertThat(bank.close(pending)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(bank.query(pending)).isInstanceOfSatisfying(OrderStatus.Failed.class, f -> assertThat(f.code()).isEqualTo("cancelled"));
        Thread.sleep(1_200);
        assertThat(booked(pending)).containsEntry("state", "cancelled");

        String paid = ref("pay");
        bank.open(order(paid, BankAccounts.SETTLES, 700));
        assertThat(bank.close(paid)).isInstanceOfSatisfying(ChannelResult.Declined.class, d -> assertThat(d.code()).isEqualTo("already_paid"));
        assertThat(bank.close(ref("pay"))).as("never existed").isInstanceOf(ChannelResult.Approved.class);
        assertThat(bank.query(ref("pay"))).isEqualTo(new OrderStatus.NotFound());
    }

    @Test
    void aPaidTransferIsRefundedInPartsUpToItsAmount() {
        Iso20022BankChannel bank = channel();
        String payment = ref("pay");
        bank.open(order(payment, BankAccounts.SETTLES, 1000));
        String refund = ref("re");
        assertThat(bank.refund(refund, payment, Money.of(600, "CNY"))).isEqualTo(new ChannelResult.Approved(refund));
        assertThat(bank.refund(refund, payment, Money.of(600, "CNY"))).as("idempotent").isEqualTo(new ChannelResult.Approved(refund));
        assertThat(bank.refund(ref("re"), payment, Money.of(600, "CNY"))).isInstanceOfSatisfying(ChannelResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("refund_refused"));
        assertThat(bank.query(refund)).isEqualTo(new OrderStatus.Paid(refund, Money.of(600, "CNY")));
        assertThat(booked(payment)).containsEntry("returned", 600L);
    }

    @Test
    void payoutsAreAnsweredOneByOneAndTheStatementShowsTheDay() throws Exception {
        Iso20022BankChannel bank = channel();
        String in = ref("pay");
        bank.open(order(in, BankAccounts.SETTLES, 50_000));
        String ok = ref("po");
        String bad = ref("po");
        String later = ref("po");
        List<PayoutResult> results = bank.payouts(List.of(
                new BankPayout(ok, Money.of(10_000, "CNY"), "102100099996", BankAccounts.SETTLES, "Han Meimei", "Withdrawal"),
                new BankPayout(bad, Money.of(100, "CNY"), "102100099996", BankAccounts.INVALID_ACCOUNT, "Nobody", null),
                new BankPayout(later, Money.of(300, "CNY"), "102100099996", BankAccounts.SETTLES_LATER, "Later", null)));
        assertThat(results).containsExactly(new PayoutResult.Settled(ok),
                new PayoutResult.Rejected(bad, "invalid_account", "The bank account cannot be used (AC01)."), new PayoutResult.Pending(later));
        for (int i = 0; i < 60 && !(bank.query(later) instanceof OrderStatus.Paid); i++) {
            Thread.sleep(50);
        }
        assertThat(bank.query(later)).isEqualTo(new OrderStatus.Paid(later, Money.of(300, "CNY")));

        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        BankStatement statement = bank.statement(today);
        assertThat(statement.date()).isEqualTo(today);
        assertThat(statement.entries()).contains(new BankStatement.Entry(in, Money.of(50_000, "CNY"), true, today, "transfer"),
                new BankStatement.Entry(ok, Money.of(10_000, "CNY"), false, today, "payout"),
                new BankStatement.Entry(later, Money.of(300, "CNY"), false, today, "payout"));
        assertThat(statement.entries()).extracting(BankStatement.Entry::reference).doesNotContain(bad);
        long net = statement.entries().stream().mapToLong(e -> e.credit() ? e.amount().amount() : -e.amount().amount()).sum();
        assertThat(statement.closing()).isEqualTo(Money.of(statement.opening().amount() + net, "CNY"));
    }

    @Test
    void theEchoIsAStatusRequestForATransferThatDoesNotExist() {
        Iso20022BankChannel bank = channel();
        assertThat(bank.echo(Duration.ofMillis(300))).isTrue();
        mode(Mode.DOWN, 0);
        assertThat(bank.echo(Duration.ofMillis(300))).as("503").isFalse();
        mode(Mode.ERROR, 0);
        assertThat(bank.echo(Duration.ofMillis(300))).as("500").isFalse();
        mode(Mode.TIMEOUT, 0);
        assertThat(bank.echo(Duration.ofMillis(100))).as("silence").isFalse();
        assertThat(bank.status().recent().calls()).as("counted nowhere").isZero();
    }

    @Test
    void aClosedBankIsUnavailableAndNothingIsBooked() {
        Iso20022BankChannel bank = channel();
        mode(Mode.DOWN, 0);
        String reference = ref("pay");
        assertThat(bank.open(order(reference, BankAccounts.SETTLES, 100))).isInstanceOf(OrderResult.Unavailable.class);
        mode(Mode.ERROR, 0);
        assertThat(bank.open(order(reference, BankAccounts.SETTLES, 100))).isInstanceOf(OrderResult.Unavailable.class);
        assertThat(booked(reference)).isNull();
        assertThat(bank.payouts(List.of(new BankPayout(ref("po"), Money.of(1, "CNY"), null, BankAccounts.SETTLES, "A", null))))
                .singleElement().isInstanceOf(PayoutResult.Unavailable.class);
        assertThatThrownBy(() -> bank.statement(LocalDate.now())).isInstanceOf(BankStatement.Unavailable.class);
        // each transfer the bank booked none of was attempted again, every attempt counted
        assertThat(registry.counter("huitong.channel.errors", "channel", "bank", "operation", "open").count())
                .isEqualTo(2 * ChannelRetry.DEFAULT.attempts());
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Iso20022BankChannel bank = channel(URI.create("http://127.0.0.1:" + port));
        assertThat(bank.open(order(ref("pay"), BankAccounts.SETTLES, 100))).isInstanceOf(OrderResult.Unavailable.class);
        assertThat(bank.query(ref("pay"))).isInstanceOf(OrderStatus.Unknown.class);
    }

    @Test
    void noAnswerInTimeIsUnknownAndAQueryFindsNothing() {
        Iso20022BankChannel bank = channel();
        mode(Mode.TIMEOUT, 0);
        String reference = ref("pay");
        assertThat(bank.open(order(reference, BankAccounts.SETTLES, 100))).isInstanceOf(OrderResult.Unknown.class);
        assertThat(registry.counter("huitong.channel.unknown", "channel", "bank", "operation", "open").count()).isEqualTo(1);
        mode(Mode.UP, 0);
        assertThat(bank.query(reference)).isEqualTo(new OrderStatus.NotFound());
    }

    @Test
    void aLateApprovalIsUnknownAndAQueryFindsItPaid() {
        Iso20022BankChannel bank = channel();
        mode(Mode.LATE_APPROVE, 1_500);
        String reference = ref("pay");
        assertThat(bank.open(order(reference, BankAccounts.SETTLES, 100))).isInstanceOf(OrderResult.Unknown.class);
        mode(Mode.UP, 0);
        assertThat(bank.query(reference)).isEqualTo(new OrderStatus.Paid(reference, Money.of(100, "CNY")));
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndThenAnswersAtOnce() {
        Iso20022BankChannel bank = channel();
        mode(Mode.DOWN, 0);
        for (int i = 0; i < 10; i++) {
            bank.open(order(ref("pay"), BankAccounts.SETTLES, 100));
        }
        assertThat(bank.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(bank.status().health()).isEqualTo("down");
        mode(Mode.UP, 0);
        assertThat(bank.open(order(ref("pay"), BankAccounts.SETTLES, 100))).isInstanceOfSatisfying(OrderResult.Unavailable.class,
                u -> assertThat(u.reason()).contains("circuit breaker open"));
        assertThat(bank.query(ref("pay"))).as("queries are not guarded").isEqualTo(new OrderStatus.NotFound());
    }

    @Test
    void noAccountNumberReachesTheLogsOrTheResults() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<Object> results = new ArrayList<>();
        try {
            Iso20022BankChannel bank = channel();
            results.add(bank.open(order(ref("pay"), BankAccounts.INSUFFICIENT_FUNDS, 100)));
            String later = ref("pay");
            results.add(bank.open(order(later, BankAccounts.SETTLES_LATER, 100)));
            notifications.await(later);
            mode(Mode.TIMEOUT, 0);
            results.add(bank.open(order(ref("pay"), BankAccounts.INVALID_ACCOUNT, 100)));
            mode(Mode.DOWN, 0);
            results.add(bank.payouts(List.of(new BankPayout(ref("po"), Money.of(1, "CNY"), null, BankAccounts.CLOSED_ACCOUNT, "A", null))));
            results.add(order(ref("pay"), BankAccounts.SETTLES, 1));
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        List<String> accounts = List.of(BankAccounts.INSUFFICIENT_FUNDS, BankAccounts.SETTLES_LATER, BankAccounts.INVALID_ACCOUNT,
                BankAccounts.CLOSED_ACCOUNT, BankAccounts.SETTLES);
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(accounts).doesNotContain(KEY);
        }
        assertThat(results.toString()).doesNotContain(accounts);
    }
}
