package io.huitong.web.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.checkout.CheckoutPayments;
import io.huitong.checkout.CheckoutSessions;
import io.huitong.checkout.PaymentAttempt;
import io.huitong.checkout.CouponVerdict;
import io.huitong.payments.NewPayment;
import io.huitong.risk.RiskContext;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Coupons redeemed by payers at once: of N payers paying sessions with a coupon of K redemptions, exactly K pay the
 * lower total and the others are told the coupon is used up, nothing paid; a coupon is counted only for a payment
 * that succeeded, and a declined card gives its redemption back.
 */
abstract class CouponRedemptionTests extends ApiTestSupport {

    static final String VISA = "4242424242424242";

    @Autowired
    CheckoutSessions sessions;
    @Autowired
    CheckoutPayments payments;

    OnboardedMerchant merchant;

    @BeforeEach
    void shop() {
        merchant = onboardMerchant("Coupon Rush " + UUID.randomUUID().toString().substring(0, 6), "");
    }

    @Test
    void ofSixteenPayersAtOnceExactlyFiveGetACouponOfFiveRedemptions() throws Exception {
        String coupon = coupon("{\"code\":\"RUSH5\",\"amount_off\":1000,\"currency\":\"CNY\",\"max_redemptions\":5}");
        int payers = 16;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < payers; i++) {
            String id = session();
            assertThat(sessions.applyCoupon(id, "rush5")).isInstanceOf(CouponVerdict.Applies.class);
            ids.add(id);
        }

        List<PaymentAttempt> attempts = concurrently(payers, i -> () -> payments.payByCard(ids.get(i), card(VISA), RiskContext.EMPTY));

        assertThat(attempts).filteredOn(a -> a instanceof PaymentAttempt.Made m && m.payment().status().equals("succeeded")
                && m.payment().amount() == 4000).hasSize(5);
        assertThat(attempts).filteredOn(a -> a instanceof PaymentAttempt.Refused r && r.code().equals("coupon_used_up")).hasSize(11);
        assertThat(timesRedeemed(coupon)).isEqualTo(5);
        long complete = ids.stream().filter(id -> read(id).path("status").asString().equals("complete")).count();
        assertThat(complete).isEqualTo(5);
        // the others pay without it, the full amount
        String left = ids.stream().filter(id -> read(id).path("status").asString().equals("open")).findFirst().orElseThrow();
        assertThat(sessions.applyCoupon(left, "RUSH5")).isEqualTo(new CouponVerdict.Refused(CouponVerdict.Reason.USED_UP));
        sessions.removeCoupon(left);
        PaymentAttempt full = payments.payByCard(left, card(VISA), RiskContext.EMPTY);
        assertThat(full).isInstanceOfSatisfying(PaymentAttempt.Made.class, m -> assertThat(m.payment().amount()).isEqualTo(5000));
    }

    @Test
    void oneCardAtOnceOnManySessionsGetsACouponOfOneUsePerPayerOnce() throws Exception {
        String coupon = coupon("{\"code\":\"ONCE\",\"percent_off\":10,\"max_redemptions_per_payer\":1}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = session();
            sessions.applyCoupon(id, "ONCE");
            ids.add(id);
        }
        List<PaymentAttempt> attempts = concurrently(8, i -> () -> payments.payByCard(ids.get(i), card(VISA), RiskContext.EMPTY));
        assertThat(attempts).filteredOn(a -> a instanceof PaymentAttempt.Made).hasSize(1);
        assertThat(attempts).filteredOn(a -> a instanceof PaymentAttempt.Refused r && r.code().equals("coupon_payer_limit_reached"))
                .hasSize(7);
        assertThat(timesRedeemed(coupon)).isEqualTo(1);
        // another card is another payer
        PaymentAttempt other = payments.payByCard(ids.stream().filter(id -> read(id).path("status").asString().equals("open"))
                .findFirst().orElseThrow(), card("5555555555554444"), RiskContext.EMPTY);
        assertThat(other).isInstanceOf(PaymentAttempt.Made.class);
        assertThat(timesRedeemed(coupon)).isEqualTo(2);
    }

    @Test
    void aDeclinedCardGivesTheRedemptionBackAndTheNextPaymentTakesIt() {
        String coupon = coupon("{\"code\":\"LAST\",\"percent_off\":15,\"max_redemptions\":1}");
        String id = session();
        sessions.applyCoupon(id, "last");
        PaymentAttempt declined = payments.payByCard(id, card("4000000000000002"), RiskContext.EMPTY);
        assertThat(declined).isInstanceOfSatisfying(PaymentAttempt.Refused.class, r -> assertThat(r.code()).isEqualTo("card_declined"));
        assertThat(timesRedeemed(coupon)).isZero();
        // the redemption is free again: another session may take it
        String other = session();
        assertThat(sessions.applyCoupon(other, "LAST")).isEqualTo(new CouponVerdict.Applies(750, 4250));
        PaymentAttempt paid = payments.payByCard(id, card(VISA), RiskContext.EMPTY);
        assertThat(paid).isInstanceOfSatisfying(PaymentAttempt.Made.class, m -> assertThat(m.payment().amount()).isEqualTo(4250));
        assertThat(timesRedeemed(coupon)).isEqualTo(1);
        assertThat(read(id).path("amount_discount").asLong()).isEqualTo(750);
        assertThat(payments.payByCard(other, card(VISA), RiskContext.EMPTY)).isInstanceOfSatisfying(PaymentAttempt.Refused.class,
                r -> assertThat(r.code()).isEqualTo("coupon_used_up"));
    }

    @Test
    void aCompleteSessionTakesNoSecondPayment() {
        String id = session();
        assertThat(payments.payByCard(id, card(VISA), RiskContext.EMPTY)).isInstanceOf(PaymentAttempt.Made.class);
        assertThat(payments.payByCard(id, card(VISA), RiskContext.EMPTY)).isInstanceOfSatisfying(PaymentAttempt.Refused.class,
                r -> assertThat(r.code()).isEqualTo("checkout_session_complete"));
        assertThat(payments.showQr(id)).isInstanceOf(PaymentAttempt.Refused.class);
    }

    private String session() {
        Api.Response r = api.postJson("/v1/checkout/sessions", "{\"amount\":5000,\"currency\":\"CNY\",\"success_url\":\"https://shop.example/ok\","
                + "\"cancel_url\":\"https://shop.example/cart\"}", "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private String coupon(String body) {
        Api.Response r = api.postJson("/v1/coupons", body, "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private int timesRedeemed(String coupon) {
        return api.get("/v1/coupons/" + coupon, "Authorization", merchant.bearer()).json().path("times_redeemed").asInt();
    }

    private tools.jackson.databind.JsonNode read(String id) {
        return api.get("/v1/checkout/sessions/" + id, "Authorization", merchant.bearer()).json();
    }

    private static NewPayment.CardInput card(String number) {
        return new NewPayment.CardInput(number, 12, 2034, "123");
    }

    private static <T> List<T> concurrently(int n, IntFunction<Callable<T>> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> call = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
