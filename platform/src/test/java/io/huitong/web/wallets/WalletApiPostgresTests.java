package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class WalletApiPostgresTests extends WalletApiTests {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void twentyConcurrentTransfersOf100FromAWalletHolding1000SucceedExactlyTenTimes() throws Exception {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 1_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return transfer(a, b, 100);
                }));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get();
                if (r.status() == 201) {
                    created++;
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(402);
                    assertThat(r.error("code")).isEqualTo("insufficient_funds");
                    refused++;
                }
            }
            assertThat(created).isEqualTo(10);
            assertThat(refused).isEqualTo(10);
        }
        assertThat(available(a)).isZero();
        assertThat(available(b)).isEqualTo(1_000);
        assertThat(history(a, "?limit=100").path("data")).hasSize(10);
        assertThat(history(b, "?limit=100").path("data")).hasSize(10);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aPaymentCodeChargedByTwoConcurrentRequestsIsChargedOnce() throws Exception {
        Consumer c = consumer();
        fund(c, 1_000);
        OnboardedMerchant first = onboardMerchant("Race Shop One", "");
        OnboardedMerchant second = onboardMerchant("Race Shop Two", "");
        for (int round = 0; round < 5; round++) {
            String code = paymentCode(c);
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<Api.Response> a = pool.submit(() -> {
                    start.await();
                    return charge(first, 100, code);
                });
                Future<Api.Response> b = pool.submit(() -> {
                    start.await();
                    return charge(second, 100, code);
                });
                start.countDown();
                List<Api.Response> answers = List.of(a.get(), b.get());
                assertThat(answers.stream().filter(r -> r.status() == 201).count()).as(answers.toString()).isEqualTo(1);
                Api.Response refused = answers.stream().filter(r -> r.status() != 201).findFirst().orElseThrow();
                assertThat(refused.status()).isEqualTo(402);
                assertThat(refused.error("code")).isEqualTo("invalid_payment_code");
            }
        }
        assertThat(available(c)).isEqualTo(500);
        assertThat(history(c, "?limit=100").path("data")).hasSize(5);
        assertThat(ledger.check().balanced()).isTrue();
    }

    /**
     * A payment by code is written with its wallet's debit, its answer included, in one commit: a repeat of the request
     * finds either nothing (and waits for the key) or the payment with its answer, never a payment still in flight.
     */
    @Test
    void tenConcurrentRepeatsOfOnePaymentCodeRequestPayOnceAndEachIsAnsweredWithThePayment() throws Exception {
        OnboardedMerchant shop = onboardMerchant("Repeating Shop", "");
        Consumer c = consumer();
        fund(c, 1_000);
        String body = "{\"amount\":250,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"payment_code\","
                + "\"payment_code\":{\"code\":\"" + paymentCode(c) + "\"}}}";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.postJson("/v1/payments", body, "Authorization", shop.bearer(), "Idempotency-Key", "repeat-once");
                }));
            }
            start.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
                ids.add(r.json().path("id").asString());
            }
            assertThat(ids).hasSize(1);
        }
        assertThat(available(c)).isEqualTo(750);
        assertThat(history(c, "?limit=100").path("data")).hasSize(1);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void eightMerchantsChargingOneCodeAtOnceChargeItExactlyOnce() throws Exception {
        OnboardedMerchant shop = onboardMerchant("Racing Shop", "");
        Consumer c = consumer();
        fund(c, 1_000);
        String code = paymentCode(c);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return charge(shop, 100, code);
                }));
            }
            start.countDown();
            int paid = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                if (r.status() == 201) {
                    assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
                    paid++;
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(402);
                    assertThat(r.error("code")).isEqualTo("invalid_payment_code");
                }
            }
            assertThat(paid).isEqualTo(1);
        }
        assertThat(available(c)).isEqualTo(900);
        assertThat(history(c, "?limit=100").path("data")).hasSize(1);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void fortyEightConcurrentPaymentCodePaymentsFromTwelveWalletsHoldingThreeEachSucceedExactlyThreeTimesEach() throws Exception {
        OnboardedMerchant shop = onboardMerchant("Busy Shop", "");
        List<Consumer> payers = new ArrayList<>();
        List<String[]> charges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Consumer c = consumer();
            fund(c, 300);
            payers.add(c);
            for (int k = 0; k < 4; k++) {
                charges.add(new String[] {String.valueOf(i), paymentCode(c)});
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(charges.size())) {
            for (String[] charge : charges) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return charge(shop, 100, charge[1]);
                }));
            }
            start.countDown();
            int[] paid = new int[payers.size()];
            int refused = 0;
            for (int i = 0; i < answers.size(); i++) {
                Api.Response r = answers.get(i).get();
                if (r.status() == 201) {
                    assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
                    paid[Integer.parseInt(charges.get(i)[0])]++;
                } else {
                    // a refusal in a shared commit is made again alone: it fails only its own payment
                    assertThat(r.status()).as(r.body()).isEqualTo(402);
                    refused++;
                }
            }
            assertThat(paid).containsOnly(3);
            assertThat(refused).isEqualTo(12);
        }
        for (Consumer c : payers) {
            assertThat(available(c)).isZero();
            assertThat(history(c, "?limit=100").path("data")).as("three payments, nothing of the refused one").hasSize(3);
        }
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void fortyConcurrentCodeRequestsShareCommitsYetEachCodeIsItsConsumersAndAFrozenWalletGetsNone() throws Exception {
        OnboardedMerchant shop = onboardMerchant("Station Kiosk", "");
        List<Consumer> payers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Consumer c = consumer();
            fund(c, 400);
            payers.add(c);
        }
        Consumer frozen = consumer();
        fund(frozen, 400);
        assertThat(api.postJson("/v1/wallet/freeze", "", "Authorization", frozen.bearer()).status()).isEqualTo(200);
        payers.add(frozen);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            for (int i = 0; i < 40; i++) {
                Consumer c = payers.get(i % payers.size());
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.postJson("/v1/wallet/payment_codes", "", "Authorization", c.bearer());
                }));
            }
            start.countDown();
            java.util.Set<String> codes = new java.util.HashSet<>();
            for (int i = 0; i < answers.size(); i++) {
                Api.Response r = answers.get(i).get();
                if (payers.get(i % payers.size()) == frozen) {
                    assertThat(r.status()).as(r.body()).isEqualTo(403);
                    assertThat(r.error("code")).isEqualTo("wallet_frozen");
                    continue;
                }
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                String code = r.json().path("code").asString();
                assertThat(codes.add(code)).as("a code is issued once").isTrue();
                // each code pays from its own consumer's wallet, once
                Api.Response paid = charge(shop, 100, code);
                assertThat(paid.status()).as(paid.body()).isEqualTo(201);
                assertThat(charge(shop, 100, code).error("code")).isEqualTo("invalid_payment_code");
            }
            assertThat(codes).hasSize(36);
        }
        for (Consumer c : payers) {
            assertThat(available(c)).isEqualTo(c == frozen ? 400 : 0);
        }
        assertThat(ledger.check().balanced()).isTrue();
    }
}
