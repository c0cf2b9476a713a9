package io.huitong.web.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Refunds and idempotent payments under concurrent requests, on PostgreSQL. */
class PaymentConcurrencyPostgresTests extends ApiTestSupport {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    private List<Api.Response> concurrently(int n, Callable<Api.Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    @Test
    void twentyConcurrentRefundsOfOneHundredOnAPaymentOfOneThousandExactlyTenSucceed() throws Exception {
        OnboardedMerchant merchant = onboardMerchant("Refund Rush", "\"fee_percent_bps\":0");
        String id = api.postJson("/v1/payments", PaymentApiTests.payment(1000, PaymentApiTests.VISA, ""),
                "Authorization", merchant.bearer()).json().path("id").asString();

        List<Api.Response> responses = concurrently(20, () -> api.postJson("/v1/refunds",
                "{\"payment\":\"" + id + "\",\"amount\":100}", "Authorization", merchant.bearer()));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(10);
        assertThat(responses.stream().filter(r -> r.status() == 400)).allSatisfy(r ->
                assertThat(r.error("code")).isEqualTo("amount_too_large")).hasSize(10);
        assertThat(api.get("/v1/payments/" + id, "Authorization", merchant.bearer()).json().path("amount_refunded").asLong())
                .isEqualTo(1000);
        assertThat(api.get("/v1/balance", "Authorization", merchant.bearer()).json().path("pending").get(0).path("amount").asLong())
                .isZero();
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();
        // every transfer the refunds raced to post is on the audit chain once: none missing, none twice
        Api.Response audit = api.get("/v1/admin/audit/verify", "Authorization", admin());
        assertThat(audit.json().path("valid").asBoolean()).as(audit.body()).isTrue();
    }

    @Test
    void tenConcurrentIdenticalRequestsWithOneIdempotencyKeyMakeExactlyOnePayment() throws Exception {
        OnboardedMerchant merchant = onboardMerchant("Double Click", "");
        String body = PaymentApiTests.payment(2500, PaymentApiTests.VISA, "");

        List<Api.Response> responses = concurrently(10, () -> api.postJson("/v1/payments", body,
                "Authorization", merchant.bearer(), "Idempotency-Key", "checkout-99"));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
        assertThat(responses.stream().filter(r -> r.status() == 201).map(r -> r.json().path("id").asString()).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null)).as("one request ran").hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 409)).allSatisfy(r -> assertThat(r.error("code")).isEqualTo("idempotency_key_in_use"));
        Api.Response list = api.get("/v1/payments", "Authorization", merchant.bearer());
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(api.get("/v1/balance", "Authorization", merchant.bearer()).json().path("pending").get(0).path("amount").asLong())
                .isEqualTo(2500 - 75);
    }

    @Test
    void fortyConcurrentPaymentsAllSucceedWithExactBalancesAndOneEventEach() throws Exception {
        OnboardedMerchant merchant = onboardMerchant("Rush Hour", "\"fee_percent_bps\":100,\"fee_fixed\":5");
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        List<Api.Response> responses = concurrently(40, () -> api.postJson("/v1/payments",
                PaymentApiTests.payment(1000 + n.incrementAndGet(), PaymentApiTests.VISA, ""), "Authorization", merchant.bearer()));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
        });
        long expected = 0;
        for (int i = 1; i <= 40; i++) {
            long amount = 1000 + i;
            expected += amount - ((amount * 100 + 5000) / 10000 + 5);
        }
        assertThat(api.get("/v1/balance", "Authorization", merchant.bearer()).json().path("pending").get(0).path("amount").asLong())
                .isEqualTo(expected);
        assertThat(api.get("/v1/events?type=payment.succeeded&limit=100", "Authorization", merchant.bearer()).json().path("data"))
                .hasSize(40);
        assertThat(api.get("/v1/payments?status=succeeded&limit=100", "Authorization", merchant.bearer()).json().path("data"))
                .hasSize(40);
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void concurrentCapturesAndCancelsOfOneAuthorizationResolveItExactlyOnce() throws Exception {
        OnboardedMerchant merchant = onboardMerchant("Race Track", "\"fee_percent_bps\":0");
        String id = api.postJson("/v1/payments", PaymentApiTests.payment(1000, PaymentApiTests.VISA, "\"capture_method\":\"manual\""),
                "Authorization", merchant.bearer()).json().path("id").asString();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        List<Api.Response> responses = concurrently(20, () -> n.incrementAndGet() % 2 == 0
                ? api.postJson("/v1/payments/" + id + "/capture", "{\"amount\":600}", "Authorization", merchant.bearer())
                : api.postJson("/v1/payments/" + id + "/cancel", "", "Authorization", merchant.bearer()));

        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() != 200)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error("code")).isEqualTo("payment_unexpected_state");
        });
        String status = api.get("/v1/payments/" + id, "Authorization", merchant.bearer()).json().path("status").asString();
        long pending = api.get("/v1/balance", "Authorization", merchant.bearer()).json().path("pending").get(0).path("amount").asLong();
        assertThat(pending).isEqualTo(status.equals("succeeded") ? 600 : 0);
        Api.Response account = api.get("/v1/admin/ledger/accounts/" + merchant.id() + ":pending:CNY", "Authorization", admin());
        assertThat(account.json().path("credits_pending").asLong()).as("the hold is resolved").isZero();
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();
    }
}
