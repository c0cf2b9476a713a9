package io.huitong.testsupport;

import io.huitong.HuitongApplication;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of HTTP tests: the whole platform on a random port, with {@link TestEndpoints}. Concrete
 * classes pick the database with a static {@link TestDatabase}; the context is closed after the class,
 * before the database is dropped.
 */
@ExtendWith(TestDatabaseLifecycle.class)
@SpringBootTest(classes = HuitongApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestEndpoints.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiTestSupport {

    public static final String ADMIN_KEY = "hk_admin_test_5GxU2kq9VvN7yTzQ4rW8mB3cL6pD1sF0";
    private static final Path DATA_DIR = Path.of(System.getProperty("java.io.tmpdir"), "huitong-test-" + UUID.randomUUID());

    @LocalServerPort
    protected int port;

    protected Api api;

    /** A second operator who approves changes that wait for two-person approval; one per running platform. */
    protected TestApprovals colleague;

    /**
     * The colleagues by their platform's clock, which each Spring context has one of: a later context of the same JVM may
     * get an earlier one's port, and must not inherit its colleague (whose codes would be of the earlier clock's time).
     */
    private static final java.util.Map<MutableClock, TestApprovals> COLLEAGUES = new java.util.concurrent.ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    private MutableClock platformClock;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("huitong.admin-key", () -> ADMIN_KEY);
        registry.add("huitong.data-dir", DATA_DIR::toString);
        // the lost-answer test cards wait this long for the acquirer before leaving the outcome to the resolver
        registry.add("huitong.channels.reply-timeout", () -> "1s");
        // the API tests send the failing test cards on purpose, in any order: an acquirer's breaker (tested
        // on its own) must not move the approved ones to the other acquirer
        registry.add("huitong.channels.breaker.minimum-calls", () -> "1000");
        registry.add("huitong.channels.breaker.window", () -> "1000");
        // nor must routing, which reads the same failures from the acquirers' recent calls: unless a test
        // says otherwise (huitong.test.routing-minimum-calls), the acquirers never have enough recent calls
        // to count as anything but healthy
        registry.add("huitong.channels.routing.minimum-calls", () -> "${huitong.test.routing-minimum-calls:1000000}");
        // the daily settlement run would settle what tests pay with T0 merchants while they look at balances: tests of
        // settlement start runs themselves (huitong.test.settlement-automatic turns the daily run on)
        registry.add("huitong.settlement.automatic", () -> "${huitong.test.settlement-automatic:false}");
        // every test signs its consumers up from one address, as fast as it can: the public endpoints' rate limits are
        // tested on their own (huitong.test.rate-limit-per-address sets them for a test)
        registry.add("huitong.rate-limits.per-address", () -> "${huitong.test.rate-limit-per-address:1000000}");
        registry.add("huitong.rate-limits.overall", () -> "${huitong.test.rate-limit-overall:1000000}");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        colleague = COLLEAGUES.computeIfAbsent(platformClock, c -> new TestApprovals(new Api(port), c));
    }

    protected static String admin() {
        return Api.bearer(ADMIN_KEY);
    }

    /** A merchant onboarded through the operator API, with its secret key. */
    protected record OnboardedMerchant(String id, String key) {

        public String bearer() {
            return Api.bearer(key);
        }
    }

    protected OnboardedMerchant onboardMerchant(String name, String extraJson) {
        Api.Response created = api.postJson("/v1/admin/merchants", "{\"name\":\"" + name + "\",\"email\":\"ops@"
                + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".example\",\"default_currency\":\"CNY\""
                + (extraJson.isEmpty() ? "" : "," + extraJson) + "}", "Authorization", admin());
        if (created.status() != 201) {
            throw new IllegalStateException("onboarding failed: " + created.body());
        }
        return new OnboardedMerchant(created.json().path("id").asString(), created.json().path("secret_key").asString());
    }
}
