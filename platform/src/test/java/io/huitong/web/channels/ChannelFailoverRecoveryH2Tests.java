package io.huitong.web.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Card payments while acquirers fail and come back, over ISO 8583 to the in-process simulator, with the
 * production breaker (10 of the last 20 calls failed opens it) kept open for ten minutes: an acquirer back up
 * is found by its echo within a second, not ten minutes later; passing system errors are retried; an unknown
 * outcome is never sent again.
 */
@ContextConfiguration(initializers = ChannelFailoverRecoveryH2Tests.ProductionBreaker.class)
class ChannelFailoverRecoveryH2Tests extends ApiTestSupport {

    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.channels.breaker.open-for", () -> "10m");
        registry.add("huitong.channels.probe.interval", () -> "200ms");
        registry.add("huitong.channels.probe.timeout", () -> "500ms");
    }

    /**
     * The production breaker, in place of the one the API tests keep from ever opening: those properties are
     * dynamic ones of the base class, which a subclass's cannot override, so these go first in the environment.
     */
    static final class ProductionBreaker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("production-breaker", Map.of(
                    "huitong.channels.breaker.window", "20", "huitong.channels.breaker.minimum-calls", "10")));
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    Simulator simulator;
    OnboardedMerchant merchant;

    @BeforeEach
    void setUp() {
        simulator = EmbeddedSimulators.of(context);
        merchant = onboardMerchant("Recovery Shop " + UUID.randomUUID().toString().substring(0, 8), "");
    }

    @AfterEach
    void allUp() throws InterruptedException {
        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        simulator.configure(Simulator.ACQ_B, ChannelSettings.HEALTHY);
        awaitBreakers("closed", "half_open");
    }

    @Test
    void anAcquirerBackUpTakesPaymentsWithinSecondsThoughItsBreakerWouldWaitTenMinutes() throws InterruptedException {
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.DOWN, 0, 0.0));
        for (int i = 0; !breaker(Simulator.ACQ_A).equals("open"); i++) {
            assertThat(i).as("acq_a's breaker opens after its refused connections").isLessThan(20);
            assertThat(channelOf(pay(1_000 + i))).isEqualTo(Simulator.ACQ_B);
        }

        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        simulator.configure(Simulator.ACQ_B, new ChannelSettings(Mode.DOWN, 0, 0.0));
        long start = System.nanoTime();
        while (breaker(Simulator.ACQ_A).equals("open")) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("acq_a answers its echo").isLessThan(Duration.ofSeconds(5));
            Thread.sleep(50);
        }
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            channels.add(channelOf(pay(2_000 + i)));
        }
        assertThat(channels).containsOnly(Simulator.ACQ_A);
        assertThat(breaker(Simulator.ACQ_A)).isEqualTo("closed");
    }

    @Test
    void withBothAcquirersAnsweringOneCallInTenWithASystemErrorNoPaymentFails() throws Exception {
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.UP, 0, 0.1));
        simulator.configure(Simulator.ACQ_B, new ChannelSettings(Mode.UP, 0, 0.1));
        int failedBefore = failed(Simulator.ACQ_A) + failed(Simulator.ACQ_B);
        int count = 1_000;
        List<Api.Response> responses = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long amount = 500 + i;
                futures.add(clients.submit(() -> pay(amount)));
            }
            for (Future<Api.Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            clients.shutdownNow();
        }
        List<String> failures = responses.stream().filter(r -> r.status() != 201 || !r.json().path("status").asString().equals("succeeded"))
                .map(Api.Response::body).toList();
        int errors = failed(Simulator.ACQ_A) + failed(Simulator.ACQ_B) - failedBefore;
        // with one attempt on each acquirer one payment in a hundred fails; with four on each, one in 10^8
        assertThat(failures).as(errors + " system errors answered; failed payments: " + failures).hasSizeLessThanOrEqualTo(1);
        assertThat(errors).as("the acquirers did answer system errors").isGreaterThan(count / 20);
    }

    @Test
    void aPaymentWhoseAnswerDidNotComeInTimeIsNeverSentAgain() {
        pay(100); // the connection is up before acq_a goes quiet
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.TIMEOUT, 0, 0.0));
        int callsA = calls(Simulator.ACQ_A);
        int callsB = calls(Simulator.ACQ_B);

        Api.Response r = pay(4_321);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("processing");
        assertThat(calls(Simulator.ACQ_A)).as("one attempt on acq_a").isEqualTo(callsA + 1);
        assertThat(calls(Simulator.ACQ_B)).as("no failover").isEqualTo(callsB);
        assertThat(simulator.transactions(Simulator.ACQ_B)).noneMatch(e -> e.reference().equals(r.json().path("id").asString()));
    }

    private Api.Response pay(long amount) {
        return api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"" + ChannelFailoverTests.approvedCard() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", merchant.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String channelOf(Api.Response paid) {
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).as(paid.body()).isEqualTo("succeeded");
        return paid.json().path("channel").asString();
    }

    private String breaker(String name) {
        return channel(name).path("breaker").asString();
    }

    /** Authorizations sent to the acquirer, each attempt counted. */
    private int calls(String name) {
        return count("huitong.channel.requests", name);
    }

    /** Authorizations the acquirer answered "not processed" (or could not be sent). */
    private int failed(String name) {
        return count("huitong.channel.errors", name);
    }

    private int count(String meter, String channel) {
        Counter c = meters.find(meter).tags("channel", channel, "operation", "authorize").counter();
        return c == null ? 0 : (int) c.count();
    }

    private JsonNode channel(String name) {
        Api.Response list = api.get("/v1/admin/channels", "Authorization", admin());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode c : list.json().path("data")) {
            if (c.path("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name + " in " + list.body());
    }

    /** Lets the prober bring back what a test left open, so that the next test starts from healthy acquirers. */
    private void awaitBreakers(String... states) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && !(List.of(states).contains(breaker(Simulator.ACQ_A))
                && List.of(states).contains(breaker(Simulator.ACQ_B)))) {
            Thread.sleep(50);
        }
    }
}
