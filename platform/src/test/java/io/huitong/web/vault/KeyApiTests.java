package io.huitong.web.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import io.huitong.vault.LegacyValues;
import io.huitong.vault.Vault;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The master keys over HTTP, on an installation upgraded from an earlier release's master key ({@code HUITONG_MASTER_KEY})
 * with the next key staged in {@code HUITONG_MASTER_KEY_NEXT}: listed without key material, rotated after another
 * security operator's approval, the old key destroyed, and what was sealed before still opens on the payment path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyApiTests extends ApiTestSupport {

    private static final String PATH = "/v1/admin/keys";
    private static final String VISA = "4242424242424242";
    private static final String NEXT_KEY = randomKey();
    private static final String NEXT_ID = idOf(NEXT_KEY);

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Vault vault;

    private TestOperators.LoggedIn security;
    private TestOperators.LoggedIn otherSecurity;
    private TestOperators.LoggedIn finance;
    private TestOperators.LoggedIn support;

    @DynamicPropertySource
    static void masterKeys(DynamicPropertyRegistry registry) {
        registry.add("huitong.master-key", () -> LegacyValues.KEY_BASE64);
        registry.add("huitong.master-key-next", () -> NEXT_KEY);
    }

    @BeforeEach
    void operators() {
        if (security == null) {
            TestOperators operators = new TestOperators(api, clock);
            security = operators.createAndLogIn("security");
            otherSecurity = operators.createAndLogIn("security");
            finance = operators.createAndLogIn("finance");
            support = operators.createAndLogIn("support");
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String idOf(String base64) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64)), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Response post(String path, String body, TestOperators.LoggedIn operator) {
        return api.postJson(path, body, "Authorization", operator.bearer());
    }

    private JsonNode key(String id) {
        for (JsonNode k : api.get(PATH, "Authorization", security.bearer()).json().path("data")) {
            if (k.path("id").asString().equals(id)) {
                return k;
            }
        }
        throw new AssertionError("no master key " + id);
    }

    private static void assertError(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error("code")).isEqualTo(code);
        assertThat(r.json().path("error").path("request_id").asString()).isNotBlank();
    }

    @Test
    void theKeysAreListedWithoutKeyMaterial() {
        Api.Response listed = api.get(PATH, "Authorization", security.bearer());

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("object").asString()).isEqualTo("list");
        assertThat(listed.body()).doesNotContain(LegacyValues.KEY_BASE64).doesNotContain(NEXT_KEY).doesNotContain("wrapped");
        JsonNode staged = key(NEXT_ID);
        assertThat(staged.path("object").asString()).isEqualTo("master_key");
        assertThat(staged.path("held_in").get(0).asString()).isEqualTo("HUITONG_MASTER_KEY_NEXT");
        assertThat(api.get(PATH, "Authorization", support.bearer()).error("code")).isEqualTo("permission_denied");
    }

    @Test
    void aRotationWaitsForAnotherSecurityOperatorAndEverythingSealedBeforeStillOpens() {
        // a card payment waiting for its confirmation, its card sealed as the earlier release sealed it: under the master key itself
        OnboardedMerchant merchant = onboardMerchant("Key Rotation Tea House", "");
        Api.Response created = api.postJson("/v1/payments", "{\"amount\":300,\"currency\":\"CNY\",\"confirm\":false,\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + VISA + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", merchant.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String payment = created.json().path("id").asString();
        jdbc.sql("update payment set card_sealed = ? where id = ?").params(LegacyValues.seal(LegacyValues.key(), VISA, payment), payment).update();
        String fingerprint = vault.fingerprint("risk-card", VISA);
        assertThat(fingerprint).isEqualTo(LegacyValues.CARD_FINGERPRINT);
        assertThat(key(LegacyValues.KEY_ID).path("status").asString()).isEqualTo("current");

        Api.Response requested = post(PATH + "/rotate", "{\"master_key\":\"" + NEXT_ID + "\"}", security);

        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        JsonNode approval = requested.json();
        assertThat(approval.path("object").asString()).isEqualTo("approval");
        assertThat(approval.path("status").asString()).isEqualTo("pending");
        assertThat(approval.path("action").asString()).isEqualTo("vault.rotate_master_key");
        assertThat(approval.path("approver_roles").toString()).isEqualTo("[\"security\"]");
        assertThat(approval.path("details").path("from").asString()).isEqualTo(LegacyValues.KEY_ID);
        assertThat(approval.path("details").path("to").asString()).isEqualTo(NEXT_ID);
        String approve = "/v1/admin/approvals/" + approval.path("id").asString() + "/approve";
        assertError(post(PATH + "/rotate", "{}", otherSecurity), 409, "key_rotation_pending");
        assertError(post(approve, "{}", security), 403, "approval_own_request");
        assertError(post(approve, "{}", finance), 403, "approval_role_required");
        assertThat(key(LegacyValues.KEY_ID).path("status").asString()).as("nothing rotated yet").isEqualTo("current");

        Api.Response approved = post(approve, "{\"note\":\"yearly rotation\"}", otherSecurity);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        JsonNode old = key(LegacyValues.KEY_ID);
        assertThat(old.path("status").asString()).isEqualTo("retired");
        assertThat(old.path("data_keys").asInt()).isZero();
        JsonNode current = key(NEXT_ID);
        assertThat(current.path("status").asString()).isEqualTo("current");
        assertThat(current.path("data_keys").asInt()).isEqualTo(2);
        assertError(post(PATH + "/" + NEXT_ID + "/destroy", "{}", security), 409, "master_key_in_use");

        Api.Response destroyed = post(PATH + "/" + LegacyValues.KEY_ID + "/destroy", "{}", security);

        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        assertThat(destroyed.json().path("status").asString()).isEqualTo("destroyed");
        assertThat(destroyed.json().path("held_in").toString()).as("the environment still has it").isEqualTo("[\"HUITONG_MASTER_KEY\"]");
        Api.Response confirmed = api.postJson("/v1/payments/" + payment + "/confirm", "{}", "Authorization", merchant.bearer());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(vault.fingerprint("risk-card", VISA)).isEqualTo(fingerprint);
        assertThat(vault.open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo(VISA);
    }

    @Test
    void badRequestsAreRefusedWithTheErrorShape() {
        assertError(post(PATH + "/rotate", "{\"master_key\":\"not-a-key\"}", security), 400, "parameter_invalid");
        assertThat(post(PATH + "/rotate", "{\"master_key\":\"not-a-key\"}", security).error("param")).isEqualTo("master_key");
        assertError(post(PATH + "/rotate", "{\"master_key\":\"0badc0de\"}", security), 409, "master_key_unavailable");
        assertError(post(PATH + "/rotate", "{\"key\":\"0badc0de\"}", security), 400, "parameter_unknown");
        assertError(post(PATH + "/0badc0de/destroy", "{}", security), 404, "resource_missing");
        assertError(post(PATH + "/rotate", "{}", support), 403, "permission_denied");
        assertError(post(PATH + "/" + LegacyValues.KEY_ID + "/destroy", "{}", finance), 403, "permission_denied");
    }
}
