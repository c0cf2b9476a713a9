package io.huitong.channels.walletpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.emv.qrcode.decoder.mpm.DecoderMpm;
import com.emv.qrcode.model.mpm.MerchantAccountInformationReservedAdditional;
import com.emv.qrcode.model.mpm.MerchantPresentedMode;
import com.emv.qrcode.validators.Crc16Validate;
import io.huitong.channels.ChannelRetry;
import io.huitong.channels.OperatorTestSupport;
import io.huitong.channels.OperatorTestSupport.CapturedLogs;
import io.huitong.channels.OperatorTestSupport.NotifyServer;
import io.huitong.channels.OperatorTestSupport.RecordingNotifications;
import io.huitong.channels.NotificationReceiver;
import io.huitong.channels.http.OperatorSettings;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.protocols.keys.Keys;
import io.huitong.protocols.walletpay.WalletPay;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wallet operator's connector against the simulator's operator, over HTTP on loopback. */
class WalletPayChannelTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofMillis(400);
    private static final KeyPair APP = WalletPay.generateKeyPair();
    private static final String APP_ID = "app_" + UUID.randomUUID().toString().substring(0, 8);
    private static Simulator sim;
    private static WalletPayChannel.Credentials credentials;
    private static NotifyServer notifyServer;
    private static WalletPayChannel current;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final WalletPayChannel channel = channel(sim.channel(Simulator.WALLETPAY).url());

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.loopback());
        OperatorTestSupport.register(sim, "walletpay", APP_ID, Keys.text(APP.getPublic()));
        credentials = new WalletPayChannel.Credentials(APP_ID, APP.getPrivate(),
                WalletPay.publicKey(OperatorTestSupport.party(sim, "walletpay").path("public_key").asString()));
        notifyServer = new NotifyServer(() -> current);
    }

    @AfterAll
    static void stop() {
        notifyServer.close();
        sim.close();
    }

    @AfterEach
    void healthy() {
        sim.configure(Simulator.WALLETPAY, ChannelSettings.HEALTHY);
    }

    private WalletPayChannel channel(String url) {
        WalletPayChannel c = new WalletPayChannel("walletpay", OperatorSettings.of(URI.create(url), Duration.ofMillis(500), REPLY_TIMEOUT),
                credentials, notifications, Clock.systemUTC(), registry);
        current = c;
        return c;
    }

    private static String ref() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    private static OrderRequest order(String reference, long amount) {
        return new OrderRequest(reference, "mer_01JDTEST", "Tea House", Money.of(amount, "CNY"), "Oolong", null,
                Instant.now().plusSeconds(600), notifyServer.url("walletpay"));
    }

    private static void pay(String reference) {
        assertThat(OperatorTestSupport.control(sim, "POST", "/control/walletpay/orders/" + reference + "/pay", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anOpenedOrderShowsAnEmvcoQrThatReadsBack() throws Exception {
        String reference = ref();
        OrderResult result = channel.open(order(reference, 1234));
        assertThat(result).isInstanceOf(OrderResult.Opened.class);
        OrderResult.Opened opened = (OrderResult.Opened) result;
        assertThat(opened.channelReference()).isEqualTo(reference);
        assertThat(opened.expiresAt()).isNotNull();

        String payload = opened.qrPayload();
        assertThat(Crc16Validate.validate(payload).isValid()).as("CRC").isTrue();
        MerchantPresentedMode qr = DecoderMpm.decode(payload, MerchantPresentedMode.class);
        assertThat(qr.getPayloadFormatIndicator().getValue()).isEqualTo("01");
        assertThat(qr.getPointOfInitiationMethod().getValue()).isEqualTo("12");
        assertThat(qr.getTransactionAmount().getValue()).isEqualTo("12.34");
        assertThat(qr.getTransactionCurrency().getValue()).isEqualTo("156");
        assertThat(qr.getCountryCode().getValue()).isEqualTo("CN");
        assertThat(qr.getMerchantName().getValue()).isEqualTo("Tea House");
        assertThat(reference).endsWith(qr.getAdditionalDataField().getValue().getReferenceLabel().getValue());
        MerchantAccountInformationReservedAdditional account = qr.getMerchantAccountInformation().get("26")
                .getTypeValue(MerchantAccountInformationReservedAdditional.class);
        assertThat(account.getGloballyUniqueIdentifier().getValue()).isEqualTo(EmvQr.OPERATOR_GUI);
        assertThat(account.getPaymentNetworkSpecific().get("01").getValue()).startsWith(sim.channel("walletpay").url() + "/walletpay/qr/");
        MerchantAccountInformationReservedAdditional huitong = qr.getMerchantAccountInformation().get("27")
                .getTypeValue(MerchantAccountInformationReservedAdditional.class);
        assertThat(huitong.getGloballyUniqueIdentifier().getValue()).isEqualTo("io.huitong");
        assertThat(huitong.getPaymentNetworkSpecific().get("01").getValue()).isEqualTo(reference);

        assertThat(channel.open(order(reference, 1234))).as("opened again").isInstanceOf(OrderResult.Opened.class);
        assertThat(sim.book("walletpay").stream().filter(e -> e.get("reference").equals(reference)).count()).isEqualTo(1);
        assertThat(registry.counter("huitong.channel.approvals", "channel", "walletpay", "operation", "open").count()).isEqualTo(2);
        assertThat(registry.timer("huitong.channel.latency", "channel", "walletpay", "operation", "open").count()).isEqualTo(2);
    }

    @Test
    void aScannedAndPaidOrderIsNotifiedQueriedAndRefunded() {
        String reference = ref();
        assertThat(channel.open(order(reference, 1234))).isInstanceOf(OrderResult.Opened.class);
        assertThat(channel.query(reference)).isInstanceOf(OrderStatus.Pending.class);
        pay(reference);

        RecordingNotifications.Notified notified = notifications.await(reference, 5000);
        assertThat(notified).isNotNull();
        assertThat(notified.channel()).isEqualTo("walletpay");
        assertThat(notified.status()).isInstanceOfSatisfying(OrderStatus.Paid.class, p -> assertThat(p.amount()).isEqualTo(Money.of(1234, "CNY")));
        assertThat(channel.query(reference)).isInstanceOfSatisfying(OrderStatus.Paid.class,
                p -> assertThat(p.amount()).isEqualTo(Money.of(1234, "CNY")));
        assertThat(channel.close(reference)).isInstanceOfSatisfying(ChannelResult.Declined.class, d -> assertThat(d.code()).isEqualTo("order_paid"));
        assertThat(channel.open(order(reference, 1234))).isInstanceOf(OrderResult.Paid.class);

        String refund = "re_" + reference.substring(4);
        assertThat(channel.refund(refund, reference, Money.of(234, "CNY"))).isInstanceOf(ChannelResult.Approved.class);
        assertThat(channel.refund(refund, reference, Money.of(234, "CNY"))).as("again").isInstanceOf(ChannelResult.Approved.class);
        assertThat(channel.refund("re_" + ref().substring(4), reference, Money.of(1001, "CNY"))).isInstanceOfSatisfying(ChannelResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("refund_refused"));
        assertThat(channel.queryRefund(refund, reference)).isInstanceOfSatisfying(OrderStatus.Paid.class,
                p -> assertThat(p.amount()).isEqualTo(Money.of(234, "CNY")));
        assertThat(channel.queryRefund(refund, ref())).as("another trade's refund").isInstanceOf(OrderStatus.NotFound.class);
        assertThat(channel.query(ref())).isInstanceOf(OrderStatus.NotFound.class);
    }

    @Test
    void anOpenOrderIsClosed() {
        String reference = ref();
        channel.open(order(reference, 500));
        assertThat(channel.close(reference)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(channel.query(reference)).isInstanceOf(OrderStatus.Failed.class);
        assertThat(channel.close(ref())).as("never existed").isInstanceOf(ChannelResult.Approved.class);
    }

    @Test
    void aNotificationWithABadOrMissingSignatureIsRefused() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("notify_id", "n1");
        params.put("app_id", APP_ID);
        params.put("trade_status", "TRADE_SUCCESS");
        params.put("out_trade_no", ref());
        params.put("trade_no", "wp1");
        params.put("total_amount", "12.34");
        params.put("sign_type", "RSA2");
        NotificationReceiver.Reply unsigned = channel.receive(inbound(WalletPay.form(params)));
        WalletPay.signed(WalletPay.generateKeyPair().getPrivate(), params);
        NotificationReceiver.Reply forged = channel.receive(inbound(WalletPay.form(params)));
        assertThat(List.of(unsigned.status(), forged.status())).allSatisfy(s -> assertThat(s).isBetween(400, 499));
        assertThat(notifications.received).isEmpty();
    }

    private static NotificationReceiver.Inbound inbound(String body) {
        return new NotificationReceiver.Inbound("application/x-www-form-urlencoded", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEchoIsAQueryForATradeThatDoesNotExist() {
        WalletPayChannel channel = channel(sim.channel(Simulator.WALLETPAY).url());
        assertThat(channel.echo(Duration.ofMillis(300))).isTrue();
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.ERROR, 0, 0));
        assertThat(channel.echo(Duration.ofMillis(300))).as("service unavailable").isFalse();
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.DOWN, 0, 0));
        assertThat(channel.echo(Duration.ofMillis(300))).as("503").isFalse();
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        assertThat(channel.echo(Duration.ofMillis(100))).as("silence").isFalse();
        assertThat(channel.status().recent().calls()).as("counted nowhere").isZero();
    }

    @Test
    void aDownOrFailingOperatorIsUnavailable() {
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.DOWN, 0, 0));
        assertThat(channel.open(order(ref(), 100))).isInstanceOf(OrderResult.Unavailable.class);
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.ERROR, 0, 0));
        assertThat(channel.open(order(ref(), 100))).isInstanceOf(OrderResult.Unavailable.class);
        assertThat(channel(("http://127.0.0.1:1")).open(order(ref(), 100))).as("refused").isInstanceOf(OrderResult.Unavailable.class);
        // each order the operator certainly did not open was attempted again, every attempt counted
        assertThat(registry.counter("huitong.channel.errors", "channel", "walletpay", "operation", "open").count())
                .isEqualTo(3 * ChannelRetry.DEFAULT.attempts());
    }

    @Test
    void noAnswerInTimeIsUnknownAndAQueryTells() {
        String lost = ref();
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        assertThat(channel.open(order(lost, 100))).isInstanceOf(OrderResult.Unknown.class);
        String late = ref();
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.LATE_APPROVE, 1000, 0));
        assertThat(channel.open(order(late, 100))).isInstanceOf(OrderResult.Unknown.class);
        sim.configure(Simulator.WALLETPAY, ChannelSettings.HEALTHY);
        assertThat(channel.query(lost)).isInstanceOf(OrderStatus.NotFound.class);
        assertThat(channel.query(late)).as("late_approve opened it").isInstanceOf(OrderStatus.Pending.class);
        assertThat(registry.counter("huitong.channel.unknown", "channel", "walletpay", "operation", "open").count()).isEqualTo(2);
    }

    @Test
    void noKeyInTheLogs() {
        try (CapturedLogs logs = new CapturedLogs()) {
            String reference = ref();
            channel.open(order(reference, 100));
            pay(reference);
            notifications.await(reference, 5000);
            channel.receive(inbound("out_trade_no=x&sign=bad&sign_type=RSA2"));
            String text = logs.text();
            assertThat(text).doesNotContain(Keys.text(APP.getPrivate()).substring(0, 40));
            assertThat(text).doesNotContain(Keys.text(APP.getPrivate()).substring(200, 240));
            assertThat(credentials.toString()).doesNotContain(Keys.text(APP.getPrivate()).substring(200, 240));
            assertThat(channel.toString()).contains(APP_ID);
        }
    }
}
