package io.huitong.channels.ecny;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.ChannelRetry;
import io.huitong.channels.NotificationReceiver;
import io.huitong.channels.OperatorTestSupport;
import io.huitong.channels.OperatorTestSupport.CapturedLogs;
import io.huitong.channels.OperatorTestSupport.NotifyServer;
import io.huitong.channels.OperatorTestSupport.RecordingNotifications;
import io.huitong.channels.http.OperatorSettings;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.protocols.ecny.Ecny;
import io.huitong.protocols.keys.Keys;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.simulator.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The e-CNY connector against the simulator's operator, over HTTP on loopback. */
class EcnyChannelTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofMillis(400);
    private static final KeyPair MERCHANT = Ecny.generateKeyPair();
    private static final String MERCHANT_NO = "M" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WALLET = "0210000000004321";
    private static Simulator sim;
    private static EcnyChannel.Credentials credentials;
    private static NotifyServer notifyServer;
    private static EcnyChannel current;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final EcnyChannel channel = channel(sim.channel(Simulator.ECNY).url());

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.loopback());
        OperatorTestSupport.register(sim, "ecny", MERCHANT_NO, Keys.text(MERCHANT.getPublic()));
        credentials = new EcnyChannel.Credentials(MERCHANT_NO, MERCHANT.getPrivate(),
                Ecny.publicKey(OperatorTestSupport.party(sim, "ecny").path("public_key").asString()));
        notifyServer = new NotifyServer(() -> current);
    }

    @AfterAll
    static void stop() {
        notifyServer.close();
        sim.close();
    }

    @AfterEach
    void healthy() {
        sim.configure(Simulator.ECNY, ChannelSettings.HEALTHY);
    }

    private EcnyChannel channel(String url) {
        EcnyChannel c = new EcnyChannel("ecny", OperatorSettings.of(URI.create(url), Duration.ofMillis(500), REPLY_TIMEOUT), credentials,
                notifications, Clock.systemUTC(), registry);
        current = c;
        return c;
    }

    private static String ref() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    private static OrderRequest order(String reference, String wallet, long amount, Instant expiresAt) {
        return new OrderRequest(reference, "mer_01JDTEST", "Tea House", Money.of(amount, "CNY"), "Oolong",
                new PayerAccount(null, wallet, null), expiresAt, notifyServer.url("ecny"));
    }

    private static OrderRequest order(String reference, String wallet) {
        return order(reference, wallet, 2500, Instant.now().plusSeconds(600));
    }

    @Test
    void thePayerConfirmsAndTheNotificationReachesPayments() {
        String reference = ref();
        OrderResult result = channel.open(order(reference, WALLET));
        assertThat(result).isInstanceOfSatisfying(OrderResult.Opened.class, o -> {
            assertThat(o.qrPayload()).isNull();
            assertThat(o.channelReference()).startsWith("ec");
        });
        RecordingNotifications.Notified notified = notifications.await(reference, 5000);
        assertThat(notified).isNotNull();
        assertThat(notified.channel()).isEqualTo("ecny");
        assertThat(notified.status()).isInstanceOfSatisfying(OrderStatus.Paid.class, p -> assertThat(p.amount()).isEqualTo(Money.of(2500, "CNY")));
        assertThat(channel.query(reference)).isInstanceOf(OrderStatus.Paid.class);
        assertThat(channel.close(reference)).isInstanceOfSatisfying(ChannelResult.Declined.class, d -> assertThat(d.code()).isEqualTo("order_paid"));

        String refund = "re_" + reference.substring(4);
        assertThat(channel.refund(refund, reference, Money.of(500, "CNY"))).isInstanceOf(ChannelResult.Approved.class);
        assertThat(channel.refund(refund, reference, Money.of(500, "CNY"))).as("again").isInstanceOf(ChannelResult.Approved.class);
        assertThat(channel.refund("re_" + ref().substring(4), reference, Money.of(2001, "CNY"))).isInstanceOf(ChannelResult.Declined.class);
        assertThat(channel.query(refund)).isInstanceOfSatisfying(OrderStatus.Paid.class, p -> assertThat(p.amount()).isEqualTo(Money.of(500, "CNY")));
        assertThat(channel.query(ref())).isInstanceOf(OrderStatus.NotFound.class);
        assertThat(sim.book("ecny")).anySatisfy(e -> assertThat(e).containsEntry("reference", reference).containsEntry("acknowledged", true));
    }

    @Test
    void refusedWalletsAreDeclinedAtOnce() {
        assertThat(channel.open(order(ref(), "0210000000000002"))).isEqualTo(
                new OrderResult.Declined("insufficient_funds", "The payer's wallet balance is too low."));
        assertThat(channel.open(order(ref(), "0210000000000010"))).isInstanceOfSatisfying(OrderResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("invalid_account"));
        assertThat(channel.open(order(ref(), "0210000000000010"))).isInstanceOf(OrderResult.Declined.class);
        assertThat(channel.open(new OrderRequest(ref(), "mer", "Tea", Money.of(100, "CNY"), null, null, null, null)))
                .isInstanceOfSatisfying(OrderResult.Declined.class, d -> assertThat(d.code()).isEqualTo("invalid_account"));
        assertThat(registry.counter("huitong.channel.declines", "channel", "ecny", "operation", "open").count()).isEqualTo(3);
    }

    @Test
    void aPayerWhoNeverConfirmsLetsTheOrderExpire() {
        String reference = ref();
        assertThat(channel.open(order(reference, "0210000000000028", 100, Instant.now().plusMillis(800)))).isInstanceOf(OrderResult.Opened.class);
        assertThat(channel.query(reference)).isInstanceOf(OrderStatus.Pending.class);
        RecordingNotifications.Notified notified = notifications.await(reference, 5000);
        assertThat(notified).isNotNull();
        assertThat(notified.status()).isEqualTo(new OrderStatus.Failed("order_expired", "The e-CNY order is closed (order_expired)."));
        assertThat(channel.query(reference)).isInstanceOfSatisfying(OrderStatus.Failed.class, f -> assertThat(f.code()).isEqualTo("order_expired"));
    }

    @Test
    void anOpenOrderIsClosed() {
        String reference = ref();
        channel.open(order(reference, "0210000000000028"));
        assertThat(channel.close(reference)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(channel.query(reference)).isInstanceOfSatisfying(OrderStatus.Failed.class, f -> assertThat(f.code()).isEqualTo("order_closed"));
        assertThat(channel.close(ref())).as("never existed").isInstanceOf(ChannelResult.Approved.class);
    }

    @Test
    void aNotificationWithABadOrMissingSignatureIsRefused() {
        String body = "{\"order_no\":\"ec1\",\"out_order_no\":\"" + ref() + "\",\"amount\":100,\"currency\":\"CNY\",\"status\":\"PAID\"}";
        NotificationReceiver.Reply unsigned = channel.receive(new NotificationReceiver.Inbound("application/json", Map.of(),
                body.getBytes(StandardCharsets.UTF_8)));
        String signature = Ecny.sign(Ecny.generateKeyPair().getPrivate(), Ecny.signingString("1", "n", body));
        NotificationReceiver.Reply forged = channel.receive(new NotificationReceiver.Inbound("application/json",
                Map.of("ecny-timestamp", List.of("1"), "ecny-nonce", List.of("n"), "ecny-signature", List.of(signature)),
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(List.of(unsigned.status(), forged.status())).allSatisfy(s -> assertThat(s).isBetween(400, 499));
        assertThat(notifications.received).isEmpty();
    }

    @Test
    void theEchoIsAQueryForAnOrderThatDoesNotExist() {
        assertThat(channel.echo(Duration.ofMillis(300))).isTrue();
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.ERROR, 0, 0));
        assertThat(channel.echo(Duration.ofMillis(300))).as("system error").isFalse();
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.DOWN, 0, 0));
        assertThat(channel.echo(Duration.ofMillis(300))).as("503").isFalse();
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        assertThat(channel.echo(Duration.ofMillis(100))).as("silence").isFalse();
        assertThat(channel("http://127.0.0.1:1").echo(Duration.ofMillis(300))).as("refused").isFalse();
        assertThat(channel.status().recent().calls()).as("counted nowhere").isZero();
    }

    @Test
    void aDownOrFailingOperatorIsUnavailable() {
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.DOWN, 0, 0));
        assertThat(channel.open(order(ref(), WALLET))).isInstanceOf(OrderResult.Unavailable.class);
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.ERROR, 0, 0));
        assertThat(channel.open(order(ref(), WALLET))).isInstanceOf(OrderResult.Unavailable.class);
        assertThat(channel("http://127.0.0.1:1").open(order(ref(), WALLET))).as("refused").isInstanceOf(OrderResult.Unavailable.class);
        // each order the operator certainly did not open was attempted again, every attempt counted
        assertThat(registry.counter("huitong.channel.errors", "channel", "ecny", "operation", "open").count())
                .isEqualTo(3 * ChannelRetry.DEFAULT.attempts());
    }

    @Test
    void noAnswerInTimeIsUnknownAndAQueryTells() {
        String lost = ref();
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        assertThat(channel.open(order(lost, "0210000000000028"))).isInstanceOf(OrderResult.Unknown.class);
        String late = ref();
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.LATE_APPROVE, 1000, 0));
        assertThat(channel.open(order(late, "0210000000000028"))).isInstanceOf(OrderResult.Unknown.class);
        sim.configure(Simulator.ECNY, ChannelSettings.HEALTHY);
        assertThat(channel.query(lost)).isInstanceOf(OrderStatus.NotFound.class);
        assertThat(channel.query(late)).as("late_approve opened it").isInstanceOf(OrderStatus.Pending.class);
    }

    @Test
    void neitherKeysNorFullWalletIdsInTheLogs() {
        try (CapturedLogs logs = new CapturedLogs()) {
            String reference = ref();
            channel.open(order(reference, WALLET));
            channel.open(order(ref(), "0210000000000002"));
            sim.configure(Simulator.ECNY, new ChannelSettings(Mode.ERROR, 0, 0));
            channel.open(order(ref(), WALLET));
            sim.configure(Simulator.ECNY, ChannelSettings.HEALTHY);
            notifications.await(reference, 5000);
            String text = logs.text();
            assertThat(text).contains("...4321");
            assertThat(text).doesNotContain(WALLET).doesNotContain("0210000000000002");
            assertThat(text).doesNotContain(Keys.text(MERCHANT.getPrivate()).substring(20, 60));
            assertThat(order(reference, WALLET).toString()).doesNotContain(WALLET);
            assertThat(credentials.toString()).contains(MERCHANT_NO).doesNotContain(Keys.text(MERCHANT.getPrivate()).substring(20, 60));
        }
    }
}
