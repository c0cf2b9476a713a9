package io.huitong.web.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.ChannelRetry;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/admin/channels}: each acquirer, its breaker, and what its recent calls say about it. */
class ChannelAdminH2Tests extends ApiTestSupport {

    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void operatorsSeeEachAcquirerWithItsBreakerAndTheOutcomeOfItsRecentCalls() {
        OnboardedMerchant merchant = onboardMerchant("Channel Watch", "");
        JsonNode before = channel(list(), "acq_a");
        assertThat(before.path("protocol").asString()).isEqualTo("iso8583");
        assertThat(before.path("kind").asString()).isEqualTo("card");
        assertThat(before.path("port").asInt()).isPositive();
        assertThat(before.path("breaker").asString()).isEqualTo("closed");
        assertThat(before.path("health").asString()).isEqualTo("up");
        int callsBefore = before.path("recent").path("calls").asInt();
        int failedBefore = before.path("recent").path("failed").asInt();

        // one approval on acq_a, then the channel-error card: failed calls on acq_a (the system error is asked
        // again, each attempt counted), approved on acq_b
        for (String number : new String[] {"4242424242424242", "4000000000000119"}) {
            Api.Response paid = api.postJson("/v1/payments", "{\"amount\":500,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                    + "\"card\":{\"number\":\"" + number + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                    "Authorization", merchant.bearer());
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        }

        JsonNode list = list();
        JsonNode a = channel(list, "acq_a");
        int attempts = ChannelRetry.DEFAULT.attempts();
        assertThat(a.path("recent").path("calls").asInt()).isEqualTo(callsBefore + 1 + attempts);
        assertThat(a.path("recent").path("failed").asInt()).isEqualTo(failedBefore + attempts);
        assertThat(a.path("recent").path("success_rate").asDouble()).isLessThan(1.0);
        assertThat(a.path("recent").path("p99_latency_ms").asDouble()).isPositive();
        assertThat(channel(list, "acq_b").path("recent").path("decided").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(list.path("data").get(0).path("name").asString()).as("in the order payments prefer them").isEqualTo("acq_a");
    }

    @Test
    void merchantsCannotSeeTheChannels() {
        OnboardedMerchant merchant = onboardMerchant("Curious Shop", "");
        assertThat(api.get("/v1/admin/channels", "Authorization", merchant.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/channels").status()).isEqualTo(401);
    }

    private JsonNode list() {
        Api.Response response = api.get("/v1/admin/channels", "Authorization", admin());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("object").asString()).isEqualTo("list");
        return response.json();
    }

    private static JsonNode channel(JsonNode list, String name) {
        for (JsonNode c : list.path("data")) {
            if (c.path("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name + " in " + list);
    }
}
