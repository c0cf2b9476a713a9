package io.huitong.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** api.md "Idempotency", over HTTP against a real database. */
abstract class IdempotencyTests extends ApiTestSupport {

    private static final String ECHO = "/v1/admin/test/echo";
    private static final String SLOW = "/v1/admin/test/slow";
    private static final String OPERATOR_SCOPE = "operator:admin";

    @Autowired
    TestEndpoints.Calls calls;
    @Autowired
    TestEndpoints.Gate gate;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdempotencyStore store;

    @Test
    void sameKeyAndBodyReplaysTheFirstResponse() {
        String name = unique();
        String key = unique();

        Api.Response first = api.postJson(ECHO, "{\"name\":\"" + name + "\",\"amount\":1000}", "Authorization", admin(), "Idempotency-Key", key);
        Api.Response again = api.postJson(ECHO, "{ \"amount\": 1000,\n \"name\": \"" + name + "\" }", "Authorization", admin(), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(again.header("Location")).isNotNull().isEqualTo(first.header("Location"));
        assertThat(again.header("Request-Id")).startsWith("req_").isNotEqualTo(first.header("Request-Id"));
        assertThat(calls.count(name)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        String name = unique();

        api.postJson(ECHO, "{\"name\":\"" + name + "\"}", "Authorization", admin());
        api.postJson(ECHO, "{\"name\":\"" + name + "\"}", "Authorization", admin());

        assertThat(calls.count(name)).isEqualTo(2);
    }

    @Test
    void sameKeyWithADifferentRequestIs422() {
        String name = unique();
        String key = unique();
        api.postJson(ECHO, "{\"name\":\"" + name + "\",\"amount\":1000}", "Authorization", admin(), "Idempotency-Key", key);

        Api.Response otherBody = api.postJson(ECHO, "{\"name\":\"" + name + "\",\"amount\":2000}", "Authorization", admin(), "Idempotency-Key", key);
        Api.Response otherPath = api.postJson(SLOW, "{\"name\":\"" + name + "\",\"amount\":1000}", "Authorization", admin(), "Idempotency-Key", key);

        for (Api.Response response : List.of(otherBody, otherPath)) {
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.error("type")).isEqualTo("idempotency_error");
            assertThat(response.error("code")).isEqualTo("idempotency_key_reused");
            assertThat(response.error("request_id")).isEqualTo(response.header("Request-Id"));
        }
        assertThat(calls.count(name)).isEqualTo(1);
    }

    @Test
    void secondAttemptWhileTheFirstRunsIs409AndThenReplays() throws Exception {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\"}";
        gate.arm();
        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(
                () -> api.postJson(SLOW, body, "Authorization", admin(), "Idempotency-Key", key));
        assertThat(gate.awaitEntered()).isTrue();

        Api.Response concurrent = api.postJson(SLOW, body, "Authorization", admin(), "Idempotency-Key", key);
        gate.open();
        Api.Response firstResponse = first.get();
        Api.Response after = api.postJson(SLOW, body, "Authorization", admin(), "Idempotency-Key", key);

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.error("type")).isEqualTo("idempotency_error");
        assertThat(concurrent.error("code")).isEqualTo("idempotency_key_in_use");
        assertThat(firstResponse.status()).isEqualTo(200);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(after.body()).isEqualTo(firstResponse.body());
        assertThat(calls.count(name)).isEqualTo(1);
    }

    @Test
    void aKeyLeftInFlightByADeadInstanceIsTakenOverOnceItsLeaseExpires() {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\"}";
        String fingerprint = RequestFingerprint.of("POST", ECHO, body.getBytes(StandardCharsets.UTF_8));
        Instant now = clock.instant();
        insertRow(OPERATOR_SCOPE, key, fingerprint, now.plusSeconds(30), now);

        Api.Response whileLeased = api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);
        clock.advance(Duration.ofSeconds(31));
        Api.Response afterExpiry = api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);
        Api.Response replay = api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);

        assertThat(whileLeased.status()).isEqualTo(409);
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(afterExpiry.body());
        assertThat(calls.count(name)).isEqualTo(1);
    }

    @Test
    void serverErrorsAreNotStoredSoARetryRunsAgain() {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\"}";

        Api.Response first = api.postJson("/v1/admin/test/fail", body, "Authorization", admin(), "Idempotency-Key", key);
        Api.Response retry = api.postJson("/v1/admin/test/fail", body, "Authorization", admin(), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(500);
        assertThat(retry.status()).isEqualTo(500);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(calls.count(name)).isEqualTo(2);
        assertThat(rows(key)).isZero();
    }

    @Test
    void concurrentIdenticalRequestsRunTheHandlerExactlyOnce() throws Exception {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\"}";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }

            assertThat(calls.count(name)).isEqualTo(1);
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
            List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
            assertThat(created.stream().filter(r -> r.header("Idempotent-Replayed") == null)).hasSize(1);
            assertThat(created).allSatisfy(r -> assertThat(r.body()).isEqualTo(created.getFirst().body()));
        }
    }

    @Test
    void keysBelongToTheirCaller() {
        String name = unique();
        String key = unique();
        Instant now = clock.instant();
        insertRow("merchant:mer_someone_else", key, "0".repeat(64), now.plusSeconds(30), now);

        Api.Response response = api.postJson(ECHO, "{\"name\":\"" + name + "\"}", "Authorization", admin(), "Idempotency-Key", key);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void keyLongerThan255CharactersIs400() {
        Api.Response tooLong = api.postJson(ECHO, "{\"name\":\"" + unique() + "\"}", "Authorization", admin(), "Idempotency-Key", "k".repeat(256));
        Api.Response longest = api.postJson(ECHO, "{\"name\":\"" + unique() + "\"}", "Authorization", admin(), "Idempotency-Key", "k".repeat(255));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error("code")).isEqualTo("parameter_invalid");
        assertThat(tooLong.error("param")).isEqualTo("Idempotency-Key");
        assertThat(longest.status()).isEqualTo(201);
    }

    @Test
    void purgeForgetsKeysOlderThanTheRetentionOnly() {
        String old = unique();
        String recent = unique();
        Instant now = clock.instant();
        insertRow(OPERATOR_SCOPE, old, "0".repeat(64), now.minus(Duration.ofHours(49)), now.minus(Duration.ofHours(49)));
        insertRow(OPERATOR_SCOPE, recent, "0".repeat(64), now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(25)));

        store.purge();

        assertThat(rows(old)).isZero();
        assertThat(rows(recent)).isOne();
    }

    private void insertRow(String scope, String key, String fingerprint, Instant leaseUntil, Instant createdAt) {
        jdbc.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, owner_token, lease_until, created_at)
                        VALUES (?, ?, ?, 'in_flight', 'a-dead-instance', ?, ?)""")
                .params(scope, key, fingerprint, leaseUntil.atOffset(ZoneOffset.UTC), createdAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    private int rows(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?").param(key).query(Integer.class).single();
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
