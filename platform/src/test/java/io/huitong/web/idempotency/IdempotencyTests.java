package io.huitong.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestEndpoints;
import io.huitong.vault.TestVaults;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/api.md "Idempotency", over HTTP against a real database. */
abstract class IdempotencyTests extends ApiTestSupport {

    private static final String ECHO = "/v1/admin/test/echo";
    private static final String SLOW = "/v1/admin/test/slow";
    private static final String OPERATOR_SCOPE = "operator:admin";
    private static final String PAYMENTS = "/v1/payments";

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
    @Autowired
    IdempotencyPurge purge;
    @Autowired
    RequestFingerprint fingerprints;

    /** The platform's master key in these tests, so that a test can compute what another key would give. */
    private static final byte[] MASTER_KEY = "idempotency-tests-master-key-32b".getBytes(StandardCharsets.US_ASCII);

    @DynamicPropertySource
    static void masterKey(DynamicPropertyRegistry registry) {
        registry.add("huitong.master-key", () -> Base64.getEncoder().encodeToString(MASTER_KEY));
    }

    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        String fingerprint = fingerprints.of("POST", ECHO, body.getBytes(StandardCharsets.UTF_8)).value();
        Instant now = clock.instant();
        insertRow(OPERATOR_SCOPE, key, fingerprint, RequestFingerprint.KEYED, now.plusSeconds(30), now);

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
        insertRow("merchant:mer_someone_else", key, "0".repeat(64), RequestFingerprint.KEYED, now.plusSeconds(30), now);

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
        insertRow(OPERATOR_SCOPE, old, "0".repeat(64), RequestFingerprint.KEYED, now.minus(Duration.ofHours(49)), now.minus(Duration.ofHours(49)));
        insertRow(OPERATOR_SCOPE, recent, "0".repeat(64), RequestFingerprint.KEYED, now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(25)));

        store.purge();

        assertThat(rows(old)).isZero();
        assertThat(rows(recent)).isOne();
    }

    @Test
    void aCardPaymentsFingerprintIsNoUnkeyedHashOfItsBody() {
        OnboardedMerchant merchant = onboardMerchant("Fingerprinted Tea", "");
        String key = unique();
        String body = payment(1000, card(), "123");

        Api.Response paid = api.postJson(PAYMENTS, body, "Authorization", merchant.bearer(), "Idempotency-Key", key);

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        String stored = paymentFingerprint(merchant, key);
        assertThat(stored).isNotNull();
        // what anyone holding the table could recompute for every candidate card number and CVC
        for (String canonical : List.of(body, sortedJson(body, false), sortedJson(body, true))) {
            assertThat(stored).isNotEqualTo(sha256Hex("POST " + PAYMENTS + "\n" + canonical))
                    .isNotEqualTo(sha256Hex(canonical));
        }
    }

    @Test
    void aCardPaymentsFingerprintIsKeyedWithTheMasterKey() {
        OnboardedMerchant merchant = onboardMerchant("Keyed Tea", "");
        String key = unique();
        byte[] body = payment(1000, card(), "123").getBytes(StandardCharsets.UTF_8);
        byte[] otherKey = MASTER_KEY.clone();
        otherKey[0] ^= 1;

        api.postJson(PAYMENTS, new String(body, StandardCharsets.UTF_8), "Authorization", merchant.bearer(), "Idempotency-Key", key);

        String stored = paymentFingerprint(merchant, key);
        assertThat(stored).isEqualTo(new RequestFingerprint(TestVaults.withMasterKey(MASTER_KEY)).of("POST", PAYMENTS, body).value());
        assertThat(stored).isNotEqualTo(new RequestFingerprint(TestVaults.withMasterKey(otherKey)).of("POST", PAYMENTS, body).value());
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key WHERE scope = ? AND idem_key = ?")
                .params(merchantScope(merchant), key).query(Integer.class).single())
                .as("a payment's key lives in the payment's own row, not in the generic idempotency table").isZero();
    }

    @Test
    void aCardPaymentRetriedWithTheSameBodyReplaysAndAnotherBodyUnderItsKeyIs422() {
        OnboardedMerchant merchant = onboardMerchant("Retrying Tea", "");
        String key = unique();
        String number = card();

        Api.Response first = api.postJson(PAYMENTS, payment(1000, number, "123"), "Authorization", merchant.bearer(), "Idempotency-Key", key);
        Api.Response retry = api.postJson(PAYMENTS, " {\"currency\": \"CNY\", \"payment_method\": {\"card\": {\"cvc\": \"123\", \"exp_year\": 2035, "
                + "\"exp_month\": 12, \"number\": \"" + number + "\"}, \"type\": \"card\"}, \"amount\": 1000}",
                "Authorization", merchant.bearer(), "Idempotency-Key", key);
        Api.Response otherAmount = api.postJson(PAYMENTS, payment(2000, number, "123"), "Authorization", merchant.bearer(), "Idempotency-Key", key);
        Api.Response otherCard = api.postJson(PAYMENTS, payment(1000, card(), "123"), "Authorization", merchant.bearer(), "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        for (Api.Response reused : List.of(otherAmount, otherCard)) {
            assertThat(reused.status()).as(reused.body()).isEqualTo(422);
            assertThat(reused.error("type")).isEqualTo("idempotency_error");
            assertThat(reused.error("code")).isEqualTo("idempotency_key_reused");
            assertThat(reused.body()).doesNotContain(number);
        }
    }

    /** The CVC is left out of the fingerprint: a retry that differs only in it is the same payment. */
    @Test
    void aCardPaymentRetriedWithAnotherCvcReplaysTheFirstAnswer() {
        OnboardedMerchant merchant = onboardMerchant("Forgetful Tea", "");
        String key = unique();
        String number = card();

        Api.Response first = api.postJson(PAYMENTS, payment(1000, number, "123"), "Authorization", merchant.bearer(), "Idempotency-Key", key);
        String stored = paymentFingerprint(merchant, key);
        Api.Response retry = api.postJson(PAYMENTS, payment(1000, number, "987"), "Authorization", merchant.bearer(), "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(paymentFingerprint(merchant, key)).isEqualTo(stored);
    }

    /**
     * A key stored before fingerprints were keyed holds the SHA-256 of its body, card number and CVC
     * included: it is erased, and the key alone then identifies the request until it expires.
     */
    @Test
    void aKeyStoredWithAnUnkeyedFingerprintLosesItAndStillReplays() {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\",\"amount\":1000}";
        String old = sha256Hex("POST " + ECHO + "\n" + sortedJson(body, false));
        Instant now = clock.instant();
        insertCompletedOldRow(OPERATOR_SCOPE, key, old, now, "{\"object\":\"echo\",\"call\":1}");

        purge.purge();
        Api.Response retry = api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);
        Api.Response otherBody = api.postJson(ECHO, "{\"name\":\"" + name + "\",\"amount\":2000}", "Authorization", admin(), "Idempotency-Key", key);

        assertThat(fingerprint(OPERATOR_SCOPE, key)).isNotEqualTo(old).doesNotMatch("[0-9a-f]{64}");
        assertThat(rows(key)).isOne();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo("{\"object\":\"echo\",\"call\":1}");
        // nothing is left to compare with: the first answer is replayed, the request does not run again
        assertThat(otherBody.status()).isEqualTo(201);
        assertThat(otherBody.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(calls.count(name)).isZero();
    }

    /** A key whose request died before V17 erased its fingerprint is taken over, and from then on compared again. */
    @Test
    void aKeyLeftInFlightWithAnErasedFingerprintIsTakenOverAndGetsTheNewOne() {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\"}";
        Instant now = clock.instant();
        insertRow(OPERATOR_SCOPE, key, RequestFingerprint.ERASED_MARK, RequestFingerprint.ERASED, now.minusSeconds(1), now.minusSeconds(60));

        Api.Response run = api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);
        Api.Response otherBody = api.postJson(ECHO, "{\"name\":\"" + name + "\",\"amount\":1}", "Authorization", admin(), "Idempotency-Key", key);
        Api.Response replay = api.postJson(ECHO, body, "Authorization", admin(), "Idempotency-Key", key);

        assertThat(run.status()).isEqualTo(201);
        assertThat(run.header("Idempotent-Replayed")).isNull();
        assertThat(fingerprint(OPERATOR_SCOPE, key)).isEqualTo(fingerprints.of("POST", ECHO, body.getBytes(StandardCharsets.UTF_8)).value());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(calls.count(name)).isOne();
    }

    /** Until it is erased (written by an instance of an earlier release, say), an unkeyed fingerprint still counts. */
    @Test
    void anUnkeyedFingerprintNotYetErasedIsStillCompared() {
        String name = unique();
        String key = unique();
        String body = "{\"name\":\"" + name + "\",\"amount\":1000}";
        Instant now = clock.instant();
        insertCompletedOldRow(OPERATOR_SCOPE, key, sha256Hex("POST " + ECHO + "\n" + sortedJson(body, false)), now, "{\"call\":1}");

        Api.Response retry = api.postJson(ECHO, " {\"amount\": 1000, \"name\": \"" + name + "\"}", "Authorization", admin(), "Idempotency-Key", key);
        Api.Response otherBody = api.postJson(ECHO, "{\"name\":\"" + name + "\",\"amount\":2000}", "Authorization", admin(), "Idempotency-Key", key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.error("code")).isEqualTo("idempotency_key_reused");
        assertThat(calls.count(name)).isZero();
    }

    private static String payment(long amount, String number, String cvc) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + number
                + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"" + cvc + "\"}}}";
    }

    /** A Luhn-valid card the simulator approves, never used before. */
    private static String card() {
        return io.huitong.simulator.Simulator.approvedCard("411111", CARDS.incrementAndGet());
    }

    private static String merchantScope(OnboardedMerchant merchant) {
        return "merchant:" + merchant.id();
    }

    /** JSON with its keys sorted and whitespace dropped, with or without the CVC. */
    private static String sortedJson(String json, boolean withoutCvc) {
        return JSON.writeValueAsString(sorted(JSON.readTree(json), withoutCvc));
    }

    private static Object sorted(JsonNode node, boolean withoutCvc) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!(withoutCvc && field.getKey().equals("cvc"))) {
                    fields.put(field.getKey(), sorted(field.getValue(), withoutCvc));
                }
            }
            return fields;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.values().forEach(item -> items.add(sorted(item, withoutCvc)));
            return items;
        }
        return node;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A payment keeps its request's fingerprint in its own row, with the key. */
    private String paymentFingerprint(OnboardedMerchant merchant, String key) {
        return jdbc.sql("SELECT request_fingerprint FROM payment WHERE merchant_id = ? AND idempotency_key = ?").params(merchant.id(), key)
                .query(String.class).single();
    }

    private String fingerprint(String scope, String key) {
        return jdbc.sql("SELECT fingerprint FROM idempotency_key WHERE scope = ? AND idem_key = ?").params(scope, key)
                .query(String.class).single();
    }

    /** A completed key as a release before keyed fingerprints stored it: no fingerprint version. */
    private void insertCompletedOldRow(String scope, String key, String fingerprint, Instant at, String response) {
        jdbc.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, owner_token, lease_until, created_at,
                                                     response_status, response_content_type, response_body, completed_at)
                        VALUES (?, ?, ?, 'completed', 'an-old-instance', ?, ?, 201, 'application/json', ?, ?)""")
                .params(scope, key, fingerprint, at.plusSeconds(30).atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC),
                        response.getBytes(StandardCharsets.UTF_8), at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private void insertRow(String scope, String key, String fingerprint, int version, Instant leaseUntil, Instant createdAt) {
        jdbc.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, fingerprint, fingerprint_version, state, owner_token, lease_until, created_at)
                        VALUES (?, ?, ?, ?, 'in_flight', 'a-dead-instance', ?, ?)""")
                .params(scope, key, fingerprint, version, leaseUntil.atOffset(ZoneOffset.UTC), createdAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    private int rows(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?").param(key).query(Integer.class).single();
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
