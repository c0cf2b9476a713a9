package io.huitong.risk.internal;

import io.huitong.risk.domain.VelocityStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The velocity store in the real Redis server ({@code HUITONG_TEST_REDIS_URL}, by default the local one). Each
 * test writes under a prefix of its own and deletes its keys after. Skipped when no server answers, except in CI
 * ({@code CI=true}), where it must run.
 */
class RedisVelocityStoreTests extends VelocityStoreContract {

    static final String URL = System.getenv().getOrDefault("HUITONG_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    final String prefix = "huitong-test:" + run + ":";
    RedisVelocityStore store;

    @BeforeEach
    void connect() {
        try {
            store = new RedisVelocityStore(URL, prefix);
        } catch (RuntimeException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("no Redis at " + URL + ": " + e.getMessage());
        }
    }

    @AfterEach
    void clean() {
        if (store == null) {
            return;
        }
        store.close();
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500));
            while (keys.hasNext()) {
                c.sync().del(keys.next());
            }
        } finally {
            client.shutdown();
        }
    }

    @Override
    VelocityStore store() {
        return store;
    }

    @org.junit.jupiter.api.Test
    void scriptsRedisLostAreLoadedAgainAndNothingIsCountedTwice() {
        String card = key("card");
        String payer = key("payer");
        store.record(new String[] {card}, payer, t0, 500, true, null, null, "d1");
        flushScripts();
        store.record(new String[] {card}, payer, t0.plusSeconds(60), 700, false, null, null, "d1");
        flushScripts();
        VelocityStore.Reading read = store.read(new String[] {card, null}, payer, "d1", t0.plusSeconds(120));
        org.assertj.core.api.Assertions.assertThat(read.windows().get(0)).isEqualTo(new VelocityStore.Window(2, 1_200, 2, 1_200, 1));
        org.assertj.core.api.Assertions.assertThat(read.payer().medianAmount()).isEqualTo(600);
    }

    private static void flushScripts() {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().scriptFlush();
        } finally {
            client.shutdown();
        }
    }
}
