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
import tools.jackson.databind.JsonNode;

class WalletClassApiPostgresTests extends WalletClassApiTests {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void twentyConcurrentTransfersAndPaymentCodePaymentsBeyondTheClassPassExactlyUpToItsFigure() throws Exception {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 1_000_000);
        OnboardedMerchant shop = onboardMerchant("Class Race Shop", "");
        assertThat(transfer(a, b, 100).status()).isEqualTo(201);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            codes.add(paymentCode(a));
        }
        // 99,900 of class I's 100,000 left; twenty movements of 10,000 at once, half transfers, half payment codes
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                String code = i % 2 == 0 ? codes.get(i / 2) : null;
                answers.add(pool.submit(() -> {
                    start.await();
                    return code == null ? transfer(a, b, 10_000) : charge(shop, 10_000, code);
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get();
                if (r.status() == 201) {
                    assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
                    succeeded++;
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(402);
                    assertThat(r.error("code")).as(r.body()).isEqualTo("limit_exceeded");
                }
            }
            assertThat(succeeded).as("9 of 10,000 fit in 99,900").isEqualTo(9);
        }
        assertThat(available(a)).isEqualTo(1_000_000 - 100 - 90_000);
        assertThat(history(a, "?limit=100").path("data")).hasSize(10);
        JsonNode allowance = wallet(a).json().path("allowance");
        assertThat(allowance.path("used").asLong()).isEqualTo(90_100);
        assertThat(allowance.path("remaining").asLong()).isEqualTo(9_900);
        long counted = jdbc.sql("select outflow_total from wallet where user_id = ?").params(a.id()).query(Long.class).single();
        assertThat(counted).as("the row's count is what moved").isEqualTo(90_100);
        assertThat(transfer(a, b, 9_900).status()).isEqualTo(201);
        assertThat(transfer(a, b, 1).error("code")).isEqualTo("limit_exceeded");
        assertThat(ledger.check().balanced()).isTrue();
    }
}
