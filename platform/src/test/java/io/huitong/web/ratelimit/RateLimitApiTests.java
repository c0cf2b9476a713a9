package io.huitong.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The platform limits its public writes: a fourth QR login a minute from one address is refused, in the contract's shape. */
@TestPropertySource(properties = "huitong.test.rate-limit-per-address=3")
class RateLimitApiTests extends ApiTestSupport {

    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void aFourthQrLoginAMinuteFromOneAddressIsRefused() {
        for (int i = 0; i < 3; i++) {
            Api.Response created = api.postJson("/v1/login_qr", "{}");
            assertThat(created.status()).as(created.body()).isLessThan(300);
        }
        Api.Response refused = api.postJson("/v1/login_qr", "{}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.error("code")).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).matches("[0-9]+");
        assertThat(refused.header("Request-Id")).startsWith("req_");
    }
}
