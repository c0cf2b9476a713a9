package io.huitong.web.risk;

import io.huitong.testsupport.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same risk tests with velocity in the real Redis server ({@code HUITONG_TEST_REDIS_URL}, by default the local
 * one), under a prefix of this class's own, deleted after.
 */
class RiskPaymentRedisH2Tests extends RiskPaymentTests {

    static final TestDatabase DB = TestDatabase.h2();
    static final String URL = System.getenv().getOrDefault("HUITONG_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    static final String PREFIX = "huitong-test:" + UUID.randomUUID() + ":";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.redis.url", () -> URL);
        registry.add("huitong.risk.redis-prefix", () -> PREFIX);
    }

    @AfterAll
    static void clean() {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(PREFIX + "*").limit(500));
            while (keys.hasNext()) {
                c.sync().del(keys.next());
            }
        } finally {
            client.shutdown();
        }
    }
}
