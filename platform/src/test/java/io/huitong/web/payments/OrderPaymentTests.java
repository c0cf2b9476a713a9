package io.huitong.web.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.kernel.Money;
import io.huitong.simulator.Simulator;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Payments by bank transfer (ISO 20022), e-CNY and wallet-operator QR code, end to end over HTTP against
 * the channel simulator the platform starts in-process: the bank, the e-CNY operator and the wallet
 * operator each answer, notify and keep their own book, and every outcome must agree with it and with
 * the ledger.
 */
abstract class OrderPaymentTests extends ApiTestSupport {

    static final int FEE_BPS = 100;
    static final long FEE_FIXED = 0;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    OrderNotifications notifications;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Simulator simulator;
    OnboardedMerchant merchant;

    @BeforeEach
    void setUp() {
        // the simulated bank and operators sign with the real time, which the platform checks for staleness
        clock.reset();
        simulator = EmbeddedSimulators.of(context);
        merchant = onboardMerchant("Orders " + UUID.randomUUID().toString().substring(0, 8),
                "\"fee_percent_bps\":" + FEE_BPS + ",\"fee_fixed\":" + FEE_FIXED);
    }

    // ---- bank transfer ----

    @Test
    void aBankTransferSettledAtOnceSucceedsAndIsRefundedByTheBank() {
        Api.Response r = pay(bankTransfer(12_000, "6222020200001234"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode p = r.json();
        assertThat(p.path("status").asString()).isEqualTo("succeeded");
        assertThat(p.path("channel").asString()).isEqualTo("bank");
        assertThat(p.path("payment_method").path("type").asString()).isEqualTo("bank_transfer");
        assertThat(p.path("payment_method").path("bank_transfer").path("last4").asString()).isEqualTo("1234");
        assertThat(p.path("payment_method").path("bank_transfer").path("bank_code").asString()).isEqualTo("ICBKCNBJ");
        assertThat(p.path("payment_method").has("card")).isFalse();
        assertThat(r.body()).doesNotContain("6222020200001234");
        assertThat(pending()).isEqualTo(12_000 - fee(12_000));
        assertThat(book("bank", p.path("id").asString())).as("the bank's book").isNotEmpty();

        Api.Response refund = post("/v1/refunds", "{\"payment\":\"" + p.path("id").asString() + "\",\"amount\":2000}");
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(refund.json().path("status").asString()).as(refund.body()).isIn("succeeded", "pending");
        awaitRefund(refund.json().path("id").asString(), "succeeded");
        assertThat(pending()).isEqualTo(12_000 - fee(12_000) - 2000);
        assertLedgerBalanced();
    }

    @Test
    void aBankTransferRefusedForWantOfFundsIsA402AndMovesNothing() {
        Api.Response r = pay(bankTransfer(5_000, "6222020200000002"));
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("payment_error");
        assertThat(r.error("code")).isEqualTo("insufficient_funds");
        String id = r.json().path("error").path("payment").asString();
        assertThat(get("/v1/payments/" + id).json().path("status").asString()).isEqualTo("failed");
        assertThat(pending()).isZero();
        assertLedgerBalanced();
    }

    @Test
    void aBankTransferPendingAtTheBankSucceedsWhenTheBanksStatusReportArrives() {
        Api.Response r = pay(bankTransfer(7_700, "6222020200000036"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("processing");
        assertThat(pending()).isZero();
        JsonNode settled = awaitNotified(r.json().path("id").asString(), p -> p.path("status").asString().equals("succeeded"));
        assertThat(settled.path("status").asString()).as(settled.toString()).isEqualTo("succeeded");
        assertThat(pending()).isEqualTo(7_700 - fee(7_700));
        assertLedgerBalanced();
    }

    // ---- wallet operator QR ----

    @Test
    void aQrPaymentShowsAnEmvcoCodeAndSucceedsWhenThePayerPaysIt() throws Exception {
        Api.Response r = pay("{\"amount\":2_599,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"},\"description\":\"two coffees\"}"
                .replace("2_599", "2599"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode p = r.json();
        String id = p.path("id").asString();
        assertThat(p.path("status").asString()).isEqualTo("requires_action");
        assertThat(p.path("channel").asString()).isEqualTo("walletpay");
        JsonNode next = p.path("next_action");
        assertThat(next.path("type").asString()).isEqualTo("display_qr");
        assertThat(next.path("qr_payload").asString()).startsWith("000201").contains(id);
        assertThat(next.path("expires_at").isMissingNode()).isFalse();
        assertThat(pending()).isZero();

        payAtWalletOperator(id);

        JsonNode paid = awaitNotified(id, x -> x.path("status").asString().equals("succeeded"));
        assertThat(paid.path("status").asString()).isEqualTo("succeeded");
        assertThat(paid.path("next_action").isNull()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Boolean.TRUE.equals(book("walletpay", id).getFirst().get("acknowledged")) && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(book("walletpay", id)).as("the operator's notification was answered success")
                .anySatisfy(e -> assertThat(e.get("acknowledged")).isEqualTo(true));
        assertThat(pending()).isEqualTo(2599 - fee(2599));
        assertThat(post("/v1/payments/" + id + "/cancel", "{}").status()).isIn(400, 409);
        assertLedgerBalanced();
    }

    @Test
    void aQrPaymentCanceledBeforeItIsPaidClosesTheOrder() throws Exception {
        Api.Response r = pay("{\"amount\":1500,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        String id = r.json().path("id").asString();
        Api.Response canceled = post("/v1/payments/" + id + "/cancel", "{}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");

        HttpResponse<String> late = control("POST", "/control/walletpay/orders/" + id + "/pay", "{}");
        assertThat(late.statusCode()).as("the payer can no longer pay a closed order: " + late.body()).isGreaterThanOrEqualTo(400);
        assertThat(get("/v1/payments/" + id).json().path("status").asString()).isEqualTo("canceled");
        assertThat(pending()).isZero();
        assertLedgerBalanced();
    }

    @Test
    void aQrPaymentNobodyPaysFailsWhenItsOrderExpires() {
        Api.Response r = pay("{\"amount\":990,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        String id = r.json().path("id").asString();
        assertThat(r.json().path("status").asString()).isEqualTo("requires_action");

        clock.advance(Duration.ofMinutes(16));
        JsonNode expired = await(id, p -> p.path("status").asString().equals("failed"));
        assertThat(expired.path("status").asString()).isEqualTo("failed");
        assertThat(expired.path("failure_code").asString()).isEqualTo("order_expired");
        assertThat(control("POST", "/control/walletpay/orders/" + id + "/pay", "{}").statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(pending()).isZero();
        assertLedgerBalanced();
    }

    @Test
    void anOrderWhoseChannelWasNeverRecordedIsFoundAtTheChannelsOfItsMethodAndSettled() throws Exception {
        Api.Response r = pay("{\"amount\":880,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        String id = r.json().path("id").asString();
        assertThat(r.json().path("status").asString()).isEqualTo("requires_action");
        // the platform stopped after the operator opened the order and before it recorded which channel holds it
        jdbc.sql("update payment set channel = null where id = ?").param(id).update();
        payAtWalletOperator(id);

        clock.advance(Duration.ofMinutes(16));
        JsonNode settled = await(id, p -> !p.path("status").asString().equals("requires_action"));
        assertThat(settled.path("status").asString()).as(settled.toString()).isEqualTo("succeeded");
        assertThat(settled.path("channel").asString()).isEqualTo("walletpay");
        assertThat(pending()).isEqualTo(880 - fee(880));
        assertLedgerBalanced();
    }

    @Test
    void aForgedNotificationChangesNothing() {
        Api.Response r = pay("{\"amount\":4200,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        String id = r.json().path("id").asString();
        Api.Response forged = api.postForm("/notify/walletpay", "notify_id=1&trade_status=TRADE_SUCCESS&out_trade_no=" + id
                + "&trade_no=2026&total_amount=42.00&sign_type=RSA2&sign=AAAA");
        assertThat(forged.status()).as(forged.body()).isBetween(400, 499);
        assertThat(get("/v1/payments/" + id).json().path("status").asString()).isEqualTo("requires_action");
        assertThat(pending()).isZero();
    }

    // ---- e-CNY ----

    @Test
    void anEcnyPaymentSucceedsWhenThePayerConfirmsInTheirWallet() {
        Api.Response r = pay(ecny(3_300, "0012345678901234"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        assertThat(r.json().path("channel").asString()).isEqualTo("ecny");
        assertThat(r.json().path("payment_method").path("ecny").path("last4").asString()).isEqualTo("1234");
        assertThat(r.body()).doesNotContain("0012345678901234");
        JsonNode paid = awaitNotified(id, p -> p.path("status").asString().equals("succeeded"));
        assertThat(paid.path("status").asString()).isEqualTo("succeeded");
        assertThat(pending()).isEqualTo(3_300 - fee(3_300));

        Api.Response refund = post("/v1/refunds", "{\"payment\":\"" + id + "\"}");
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        awaitRefund(refund.json().path("id").asString(), "succeeded");
        assertThat(pending()).isEqualTo(-fee(3_300));
        assertLedgerBalanced();
    }

    @Test
    void anEcnyPaymentFromAnEmptyWalletIsA402() {
        Api.Response r = pay(ecny(3_300, "0012345678900002"));
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("payment_error");
        assertThat(r.error("code")).isEqualTo("insufficient_funds");
        assertThat(pending()).isZero();
    }

    // ---- notifications under concurrency ----

    @Test
    void theSameNotificationDeliveredConcurrentlySettlesThePaymentOnce() throws Exception {
        Api.Response r = pay("{\"amount\":8800,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        String id = r.json().path("id").asString();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<OrderNotifications.Outcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return notifications.notify("walletpay", id, new OrderStatus.Paid("T" + id, new Money(8800, "CNY")));
                }));
            }
            start.countDown();
            for (Future<OrderNotifications.Outcome> f : outcomes) {
                assertThat(f.get()).isEqualTo(OrderNotifications.Outcome.ACCEPTED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("/v1/payments/" + id).json().path("status").asString()).isEqualTo("succeeded");
        assertThat(pending()).isEqualTo(8800 - fee(8800));
        assertThat(notifications.notify("walletpay", id, new OrderStatus.Paid("T" + id, new Money(8801, "CNY"))))
                .as("a notification for another amount").isEqualTo(OrderNotifications.Outcome.REJECTED);
        assertThat(notifications.notify("bank", id, new OrderStatus.Paid("T" + id, new Money(8800, "CNY"))))
                .as("a notification from another channel").isEqualTo(OrderNotifications.Outcome.REJECTED);
        assertLedgerBalanced();
    }

    // ---- helpers ----

    static String bankTransfer(long amount, String account) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"bank_transfer\",\"bank_transfer\":"
                + "{\"bank_code\":\"ICBKCNBJ\",\"account_number\":\"" + account + "\",\"account_name\":\"Li Lei\"}}}";
    }

    static String ecny(long amount, String wallet) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"ecny\",\"ecny\":{\"wallet_id\":\""
                + wallet + "\"}}}";
    }

    static long fee(long amount) {
        return Math.min(amount, (amount * FEE_BPS + 5_000) / 10_000 + FEE_FIXED);
    }

    private void payAtWalletOperator(String id) throws Exception {
        HttpResponse<String> paid = control("POST", "/control/walletpay/orders/" + id + "/pay", "{}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    private HttpResponse<String> control(String method, String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> book(String channel, String reference) {
        return simulator.book(channel).stream().filter(e -> reference.equals(e.get("reference"))).toList();
    }

    /**
     * Waits for a channel's notification to settle the payment: well within the resolver's first look (15 s),
     * so that only the notification can have done it.
     */
    private JsonNode awaitNotified(String id, Predicate<JsonNode> done) {
        return await(id, done, Duration.ofSeconds(8));
    }

    private JsonNode await(String id, Predicate<JsonNode> done) {
        return await(id, done, Duration.ofSeconds(20));
    }

    private JsonNode await(String id, Predicate<JsonNode> done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode p = get("/v1/payments/" + id).json();
        while (!done.test(p) && System.nanoTime() < deadline) {
            sleep();
            p = get("/v1/payments/" + id).json();
        }
        return p;
    }

    private void awaitRefund(String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode r = get("/v1/refunds/" + id).json();
        while (!r.path("status").asString().equals(status) && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(20));
            sleep();
            r = get("/v1/refunds/" + id).json();
        }
        assertThat(r.path("status").asString()).as(r.toString()).isEqualTo(status);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Api.Response pay(String body) {
        return api.postJson("/v1/payments", body, "Authorization", merchant.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
    }

    private Api.Response post(String path, String body) {
        return api.postJson(path, body, "Authorization", merchant.bearer());
    }

    private Api.Response get(String path) {
        return api.get(path, "Authorization", merchant.bearer());
    }

    private long pending() {
        JsonNode pending = get("/v1/balance").json().path("pending");
        return pending.isEmpty() ? 0 : pending.get(0).path("amount").asLong();
    }

    private void assertLedgerBalanced() {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.json().path("balanced").asBoolean()).as(check.body()).isTrue();
    }
}
