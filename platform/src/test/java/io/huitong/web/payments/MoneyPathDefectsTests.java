package io.huitong.web.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.simulator.BookEntry;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Defects of the money path, each proved: money an acquirer or a payer parted with is never lost to the platform's
 * own bookkeeping, the balance shows every currency however many accounts a merchant owns, and every advertised
 * event is sent.
 */
abstract class MoneyPathDefectsTests extends ApiTestSupport {

    static final String VISA = "4242424242424242";
    static final List<String> ACQUIRERS = List.of(Simulator.ACQ_A, Simulator.ACQ_B);

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    ApplicationContext context;

    OnboardedMerchant merchant;

    @BeforeEach
    void merchant() {
        clock.reset();
        merchant = onboardMerchant("Defects " + UUID.randomUUID().toString().substring(0, 8), "");
    }

    /** The acquirer captured: the capture is booked although our hold on the authorization ran out first. */
    @Test
    void aCaptureTheAcquirerApprovedAfterTheHoldRanOutIsKept() {
        String id = pay(card(1000, "\"capture_method\":\"manual\"")).json().path("id").asString();
        clock.advance(Duration.ofDays(8));

        Api.Response captured = post("/v1/payments/" + id + "/capture", "{}");

        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(captured.json().path("amount_received").asLong()).isEqualTo(1000);
        assertThat(pending()).isEqualTo(1000 - 30);
        assertThat(eventTypes(id)).contains("payment.captured", "payment.succeeded").doesNotContain("payment.canceled");
        assertLedgerBalanced();
    }

    /** The same for an analyst's approval of a payment held for review. */
    @Test
    void aReviewApprovedAfterTheHoldRanOutIsCapturedAndKept() {
        Api.Response held = pay(card(10_000_000, ""));
        assertThat(held.json().path("risk").path("decision").asString()).as(held.body()).isEqualTo("review");
        String id = held.json().path("id").asString();
        String review = null;
        for (JsonNode c : api.get("/v1/admin/risk/reviews?status=open&limit=100", "Authorization", admin()).json().path("data")) {
            if (c.path("reference").asString().equals(id)) {
                review = c.path("id").asString();
            }
        }
        assertThat(review).isNotNull();
        clock.advance(Duration.ofDays(8));

        Api.Response approved = api.postJson("/v1/admin/risk/reviews/" + review + "/approve", "{\"note\":\"called the customer\"}",
                "Authorization", admin());

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode payment = get("/v1/payments/" + id).json();
        assertThat(payment.path("status").asString()).isEqualTo("succeeded");
        assertThat(pending()).isEqualTo(10_000_000 - 300_000);
        assertLedgerBalanced();
    }

    /**
     * The payer paid an order after its payment had failed here: the return is written with the discovery and carried
     * out by the resolver, through the channel that took the money.
     */
    @Test
    void moneyPaidForAPaymentThatHadFailedIsGivenBackThroughTheChannel() throws Exception {
        Api.Response r = pay("{\"amount\":1200,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        String id = r.json().path("id").asString();
        assertThat(r.json().path("status").asString()).isEqualTo("requires_action");
        // the resolver failed it as the payer was paying at the operator
        jdbc.sql("update payment set status = 'failed', failure_code = 'order_expired' where id = ?").param(id).update();

        HttpResponse<String> paid = control("/control/walletpay/orders/" + id + "/pay");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

        String returned = "ret_" + id.substring("pay_".length());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String status = null;
        while (!"returned".equals(status) && System.nanoTime() < deadline) {
            status = jdbc.sql("select status from payment_give_back where payment_id = ?").param(id).query(String.class).optional().orElse(null);
            Thread.sleep(100);
        }
        assertThat(status).as("the give-back of " + id).isEqualTo("returned");
        assertThat(EmbeddedSimulators.of(context).book("walletpay").stream()
                .filter(e -> returned.equals(e.get("reference")) || returned.equals(e.get("refund_reference"))).toList())
                .as("the operator's book shows the money going back").isNotEmpty();
        assertThat(get("/v1/payments/" + id).json().path("status").asString()).isEqualTo("failed");
        assertThat(pending()).isZero();
        assertLedgerBalanced();
    }

    /**
     * The acquirer was slow to answer, and the resolver, asking it meanwhile, recorded the approval: the answer that
     * comes after is the same approval, and the sale is kept at the acquirer, not reversed.
     */
    @Test
    void anApprovalTheResolverRecordedFirstIsNotReversedWhenTheAnswerComes() throws Exception {
        acquirers(new ChannelSettings(Mode.UP, 700, 0.0));
        try {
            java.util.concurrent.CompletableFuture<Api.Response> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> pay(card(1000, "")));
            String id = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (id == null && System.nanoTime() < deadline) {
                id = jdbc.sql("select id from payment where merchant_id = ? and status = 'processing'").param(merchant.id())
                        .query(String.class).optional().orElse(null);
            }
            assertThat(id).as("the payment waiting for the acquirer").isNotNull();
            while (System.nanoTime() < deadline && acquirersBook(id).isEmpty()) {
                Thread.onSpinWait();
            }
            // the resolver's first look falls due while the acquirer is still answering
            clock.advance(Duration.ofSeconds(30));
            resolveDue();

            Api.Response paid = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
            assertThat(paid.json().path("status").asString()).isEqualTo("succeeded");
            assertThat(acquirersBook(id).stream().map(e -> e.state().name()).toList()).as("the acquirer's book").containsExactly("CAPTURED");
            assertThat(pending()).isEqualTo(1000 - 30);
            assertLedgerBalanced();
        } finally {
            acquirers(ChannelSettings.HEALTHY);
        }
    }

    /**
     * A refund accepted while the acquirer could not be reached is answered pending; when the resolver finds that the
     * acquirer never received it, it sends it again (the acquirer knows a refund by its reference) rather than failing
     * a refund the merchant was told is under way.
     */
    @Test
    void aPendingRefundTheAcquirerNeverReceivedIsSentAgain() throws Exception {
        String id = pay(card(1000, "")).json().path("id").asString();
        Api.Response refund;
        try {
            acquirers(new ChannelSettings(Mode.DOWN, 0, 0.0));
            refund = api.postJson("/v1/refunds", "{\"payment\":\"" + id + "\",\"amount\":400}", "Authorization", merchant.bearer(),
                    "Idempotency-Key", UUID.randomUUID().toString());
        } finally {
            acquirers(ChannelSettings.HEALTHY);
        }
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(refund.json().path("status").asString()).isEqualTo("pending");
        String refundId = refund.json().path("id").asString();

        clock.advance(Duration.ofSeconds(30));
        resolveDue();

        assertThat(get("/v1/refunds/" + refundId).json().path("status").asString()).isEqualTo("succeeded");
        assertThat(acquirersBook(refundId).stream().map(e -> e.state().name() + " " + e.amount()).toList())
                .as("the acquirer's book").containsExactly("REFUNDED 400");
        assertThat(pending()).isEqualTo(1000 - 30 - 400);
        assertLedgerBalanced();
    }

    /** However many accounts a merchant owns in the ledger, its balance reads its own balance accounts. */
    @Test
    void theBalanceShowsEveryCurrencyOfAMerchantWithManyLedgerAccounts() {
        assertThat(pay(card(1000, "")).status()).isEqualTo(201);
        List<NewAccount> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(NewAccount.of(merchant.id() + ":reserve" + i + ":CNY", "CNY", AccountType.LIABILITY, merchant.id()));
        }
        ledger.createAccounts(many);

        JsonNode balance = get("/v1/balance").json();
        assertThat(balance.path("pending").toString()).as(balance.toString()).contains("\"amount\":970");
        assertThat(get("/v1/balance_transactions?limit=10").json().path("data")).isNotEmpty();
    }

    /** {@code payment.processing} is advertised to webhook endpoints: a payment left waiting for the payer sends it. */
    @Test
    void aPaymentWaitingForThePayersConfirmationSendsPaymentProcessing() {
        Api.Response r = pay("{\"amount\":500,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"ecny\",\"ecny\":{\"wallet_id\":\"0012345678900028\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("processing");
        assertThat(eventTypes(r.json().path("id").asString())).containsExactly("payment.processing");
    }

    // ---- helpers ----

    static String card(long amount, String extra) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                + io.huitong.simulator.Simulator.approvedCard("424242", System.nanoTime() % 1_000_000_000L)
                + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    List<String> eventTypes(String paymentId) {
        List<String> types = new ArrayList<>();
        for (JsonNode e : get("/v1/events?limit=100").json().path("data")) {
            if (paymentId.equals(e.path("data").path("object").path("id").asString())) {
                types.addFirst(e.path("type").asString());
            }
        }
        return types;
    }

    Api.Response pay(String body) {
        return api.postJson("/v1/payments", body, "Authorization", merchant.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
    }

    Api.Response post(String path, String body) {
        return api.postJson(path, body, "Authorization", merchant.bearer());
    }

    Api.Response get(String path) {
        return api.get(path, "Authorization", merchant.bearer());
    }

    /** Both acquirers of the embedded simulator behave so from now on. */
    void acquirers(ChannelSettings settings) {
        for (String acquirer : ACQUIRERS) {
            EmbeddedSimulators.of(context).configure(acquirer, settings);
        }
    }

    /** What the acquirers' books hold under this reference (a payment's or a refund's id). */
    List<BookEntry> acquirersBook(String reference) {
        return ACQUIRERS.stream().flatMap(a -> EmbeddedSimulators.of(context).transactions(a).stream())
                .filter(e -> e.reference().equals(reference)).toList();
    }

    /** One pass of the payments' resolver, now, rather than at its next tick. */
    void resolveDue() throws Exception {
        Object resolver = context.getBean(Class.forName("io.huitong.payments.internal.PaymentResolver"));
        java.lang.reflect.Method resolveDue = resolver.getClass().getDeclaredMethod("resolveDue");
        resolveDue.setAccessible(true);
        resolveDue.invoke(resolver);
    }

    long pending() {
        JsonNode pending = get("/v1/balance").json().path("pending");
        return pending.isEmpty() ? 0 : pending.get(0).path("amount").asLong();
    }

    void assertLedgerBalanced() {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.json().path("balanced").asBoolean()).as(check.body()).isTrue();
    }

    HttpResponse<String> control(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(EmbeddedSimulators.of(context).controlUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
