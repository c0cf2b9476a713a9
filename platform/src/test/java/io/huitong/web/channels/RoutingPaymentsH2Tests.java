package io.huitong.web.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Card payments over ISO 8583 to the in-process simulator, routed: to the cheaper acquirer, and away from
 * one that fails many calls as soon as its recent calls show it (the breakers stay closed here).
 */
class RoutingPaymentsH2Tests extends ApiTestSupport {

    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.test.routing-minimum-calls", () -> "10");
    }

    @Autowired
    ApplicationContext context;

    Simulator simulator;
    OnboardedMerchant merchant;

    @BeforeEach
    void setUp() {
        simulator = EmbeddedSimulators.of(context);
        merchant = onboardMerchant("Routed Shop", "");
    }

    @AfterEach
    void restore() {
        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        simulator.configure(Simulator.ACQ_B, ChannelSettings.HEALTHY);
        costs(0, 0);
    }

    @Test
    void paymentsGoToTheCheaperAcquirer() {
        costs(80, 50);
        for (int i = 0; i < 5; i++) {
            assertThat(channelOf(pay(1_000 + i))).isEqualTo(Simulator.ACQ_B);
        }
        costs(50, 80);
        for (int i = 0; i < 5; i++) {
            assertThat(channelOf(pay(1_000 + i))).isEqualTo(Simulator.ACQ_A);
        }
    }

    @Test
    void trafficMovesAwayFromAnAcquirerThatFailsManyCallsAndEveryPaymentSucceeds() {
        costs(50, 50);
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.UP, 0, 0.6));
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            channels.add(channelOf(pay(2_000 + i)));
        }
        List<String> last = channels.subList(channels.size() - 20, channels.size());
        assertThat(last.stream().filter(Simulator.ACQ_B::equals).count()).as(channels.toString()).isGreaterThanOrEqualTo(18);

        JsonNodeChecks.acquirerFailedRecently(api, Simulator.ACQ_A);
    }

    private void costs(int aBps, int bBps) {
        String body = "{\"channels\":[{\"name\":\"acq_a\",\"enabled\":true,\"methods\":[\"card\"],\"fee_bps\":" + aBps + ",\"fee_fixed\":0},"
                + "{\"name\":\"acq_b\",\"enabled\":true,\"methods\":[\"card\"],\"fee_bps\":" + bBps + ",\"fee_fixed\":0}]}";
        Api.Response r = api.send(api.request("/v1/admin/routing").PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", admin()).build());
        colleague.approve(r);
    }

    private Api.Response pay(long amount) {
        return api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"" + ChannelFailoverTests.approvedCard() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", merchant.bearer());
    }

    private static String channelOf(Api.Response paid) {
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).as(paid.body()).isEqualTo("succeeded");
        return paid.json().path("channel").asString();
    }

    /** What operators see of the acquirer routing moved away from. */
    private static final class JsonNodeChecks {

        static void acquirerFailedRecently(Api api, String name) {
            Api.Response list = api.get("/v1/admin/channels", "Authorization", admin());
            for (var c : list.json().path("data")) {
                if (c.path("name").asString().equals(name)) {
                    assertThat(c.path("recent").path("failed").asInt()).as(c.toString()).isPositive();
                    assertThat(c.path("breaker").asString()).as("routing, not the breaker, moved the traffic").isEqualTo("closed");
                    return;
                }
            }
            throw new AssertionError("no channel " + name + " in " + list.body());
        }
    }
}
