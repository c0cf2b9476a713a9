package io.huitong.web.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** docs/api.md "Merchants": onboarding by an operator, a secret key shown once, and key rotation with a grace period. */
abstract class MerchantApiTests extends ApiTestSupport {

    @Autowired
    MutableClock clock;

    private Api.Response onboard(String body) {
        return api.postJson("/v1/admin/merchants", body, "Authorization", admin());
    }

    private int whoami(String key) {
        return api.get("/v1/test/whoami", "Authorization", Api.bearer(key)).status();
    }

    @Test
    void operatorOnboardsAMerchantWhoseKeyIsShownOnceAndWorks() {
        Api.Response created = onboard("{\"name\":\"Tea House\",\"email\":\"ops@tea.example\",\"default_currency\":\"CNY\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String key = created.json().path("secret_key").asString();
        assertThat(id).startsWith("mer_");
        assertThat(key).startsWith("sk_test_");
        assertThat(created.json().path("object").asString()).isEqualTo("merchant");
        assertThat(created.json().path("status").asString()).isEqualTo("active");
        assertThat(created.json().path("settlement_schedule").asString()).isEqualTo("T1");
        assertThat(created.json().path("fee_percent_bps").asInt()).isEqualTo(300);
        assertThat(created.json().path("fee_fixed").asLong()).isZero();

        Api.Response fetched = api.get("/v1/admin/merchants/" + id, "Authorization", admin());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).doesNotContain(key).doesNotContain("secret_key");
        assertThat(api.get("/v1/admin/merchants?limit=1", "Authorization", admin()).json().path("data").get(0).path("id").asString())
                .isEqualTo(id);

        Api.Response me = api.get("/v1/test/whoami", "Authorization", Api.bearer(key));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains(id);
        assertThat(api.get("/v1/admin/merchants/" + id, "Authorization", Api.bearer(key)).status())
                .as("a merchant key is no operator key").isEqualTo(403);
    }

    @Test
    void rotationIssuesANewKeyAndTheOldOneStopsAfterTheGracePeriod() {
        Api.Response created = onboard("{\"name\":\"Noodles\",\"email\":\"a@noodles.example\",\"default_currency\":\"CNY\","
                + "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":60,\"fee_fixed\":10}");
        String id = created.json().path("id").asString();
        String oldKey = created.json().path("secret_key").asString();

        Api.Response rotated = api.postJson("/v1/admin/merchants/" + id + "/keys", "{\"grace_period_seconds\":3600}",
                "Authorization", admin());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String newKey = rotated.json().path("secret_key").asString();
        assertThat(newKey).startsWith("sk_test_").isNotEqualTo(oldKey);
        assertThat(rotated.json().path("previous_keys_expire_at").isNull()).isFalse();

        assertThat(whoami(oldKey)).as("old key in its grace period").isEqualTo(200);
        assertThat(whoami(newKey)).isEqualTo(200);
        clock.advance(Duration.ofSeconds(3601));
        assertThat(whoami(oldKey)).as("old key after its grace period").isEqualTo(401);
        assertThat(whoami(newKey)).isEqualTo(200);
    }

    @Test
    void badOnboardingRequestsAreRefusedAndCreateNothing() {
        String before = api.get("/v1/admin/merchants?limit=100", "Authorization", admin()).body();
        assertThat(onboard("{\"email\":\"a@b.example\",\"default_currency\":\"CNY\"}").error("param")).isEqualTo("name");
        assertThat(onboard("{\"name\":\"x\",\"email\":\"nope\",\"default_currency\":\"CNY\"}").error("param")).isEqualTo("email");
        assertThat(onboard("{\"name\":\"x\",\"email\":\"a@b.example\",\"default_currency\":\"XYZ\"}").error("param")).isEqualTo("default_currency");
        assertThat(onboard("{\"name\":\"x\",\"email\":\"a@b.example\",\"default_currency\":\"CNY\",\"settlement_schedule\":\"T7\"}").error("param"))
                .isEqualTo("settlement_schedule");
        assertThat(onboard("{\"name\":\"x\",\"email\":\"a@b.example\",\"default_currency\":\"CNY\",\"fee_percent_bps\":10001}").error("param"))
                .isEqualTo("fee_percent_bps");
        Api.Response unknown = onboard("{\"name\":\"x\",\"email\":\"a@b.example\",\"default_currency\":\"CNY\",\"colour\":\"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error("code")).isEqualTo("parameter_unknown");
        assertThat(api.get("/v1/admin/merchants?limit=100", "Authorization", admin()).body()).isEqualTo(before);
        assertThat(api.postJson("/v1/admin/merchants/mer_missing/keys", "{}", "Authorization", admin()).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/admin/merchants", "{}", "Authorization", "Bearer sk_test_unknown").status()).isEqualTo(401);
    }
}
