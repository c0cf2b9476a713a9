package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Real-name verification (实名认证) over HTTP: checked, sealed at rest, shown masked. */
abstract class VerificationApiTests extends ConsumerTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** A resident ID number with its ISO 7064 MOD 11-2 check character. */
    static String idNumber(String first17) {
        return io.huitong.testsupport.ResidentIds.of(first17);
    }

    Api.Response verify(String bearer, String name, String idNumber) {
        return api.postJson("/v1/users/me/verification", "{\"name\":\"" + name + "\",\"id_number\":\"" + idNumber + "\"}",
                "Authorization", bearer);
    }

    @Test
    void aValidIdentityIsVerifiedSealedAndShownMasked() throws Exception {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        Api.Response before = api.get("/v1/users/me/verification", "Authorization", bearer);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json().path("verified").asBoolean()).isFalse();

        String id = idNumber("11010519900307123");
        Api.Response verified = verify(bearer, "韩梅梅", id);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("verified").asBoolean()).isTrue();
        assertThat(verified.json().path("name").asString()).isEqualTo("*梅梅");
        assertThat(verified.json().path("id_number").asString()).isEqualTo("1101**********" + id.substring(14));
        assertThat(verified.json().path("verified_at").asString()).isNotEmpty();
        assertThat(verified.body()).doesNotContain(id).doesNotContain("韩梅梅");

        Api.Response shown = api.get("/v1/users/me/verification", "Authorization", bearer);
        assertThat(shown.json().path("name").asString()).isEqualTo("*梅梅");
        assertThat(shown.json().path("id_number").asString()).isEqualTo("1101**********" + id.substring(14));
        assertThat(shown.body()).doesNotContain(id);

        // encrypted at rest: the raw columns hold neither the ID number nor the name
        String[] raw = jdbc.sql("select name, id_number from consumer_verification where user_id = ?").params(consumer.id())
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        assertThat(raw[1]).startsWith("v2.dk_").doesNotContain(id).doesNotContain(id.substring(6, 14)).doesNotContain(id.substring(14));
        assertThat(raw[0]).startsWith("v2.dk_").doesNotContain("梅");

        assertThat(verify(bearer, "韩梅梅", id).status()).as("the same identity again").isEqualTo(200);
        Api.Response other = verify(bearer, "李雷", idNumber("11010519880101456"));
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.error("code")).isEqualTo("already_verified");

        // one resident ID verifies one account, whatever the name, and the number is kept only as a keyed fingerprint
        Consumer second = newConsumer();
        Api.Response again = verify(bearer(second.phone()), "韩梅梅", id);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("id_number_taken");
        assertThat(again.body()).doesNotContain(id);
        assertThat(api.get("/v1/users/me/verification", "Authorization", bearer(second.phone())).json().path("verified").asBoolean())
                .isFalse();
        String fingerprint = jdbc.sql("select id_number_fingerprint from consumer_verification where user_id = ?").params(consumer.id())
                .query(String.class).single();
        assertThat(fingerprint).hasSize(64).doesNotContain(id);
        assertThat(fingerprint).isNotEqualTo(org.springframework.util.DigestUtils.md5DigestAsHex(id.getBytes()))
                .isNotEqualTo(java.util.HexFormat.of().formatHex(sha256(id)));

        // a verification stored before fingerprints were kept gets its own when the platform starts
        jdbc.sql("update consumer_verification set id_number_fingerprint = null where user_id = ?").params(consumer.id()).update();
        context.getBean("fingerprintEarlierVerifications", org.springframework.boot.ApplicationRunner.class).run(null);
        assertThat(jdbc.sql("select id_number_fingerprint from consumer_verification where user_id = ?").params(consumer.id())
                .query(String.class).single()).isEqualTo(fingerprint);
    }

    private static byte[] sha256(String value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anIdNumberWithAWrongCheckCharacterOrDateIs400() {
        String bearer = bearer(newConsumer().phone());
        String valid = idNumber("44030419851231002");
        char wrongCheck = valid.charAt(17) == '1' ? '2' : '1';
        String[] invalid = {
                valid.substring(0, 17) + wrongCheck,
                valid.substring(0, 16),
                idNumber("44030419851331002"), // month 13
                idNumber("44030430001231002"), // born in 3000
                idNumber("99030419851231002"), // no such province
                "4403041985123100ZZ",
        };
        for (String id : invalid) {
            Api.Response r = verify(bearer, "李雷", id);
            assertThat(r.status()).as(id + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).isEqualTo("parameter_invalid");
            assertThat(r.error("param")).isEqualTo("id_number");
            assertThat(r.body()).doesNotContain(id);
        }
        assertThat(verify(bearer, "李", valid).error("param")).as("a one-character name").isEqualTo("name");
        assertThat(api.postJson("/v1/users/me/verification", "{\"name\":\"李雷\"}", "Authorization", bearer).error("code"))
                .isEqualTo("parameter_missing");
        assertThat(api.get("/v1/users/me/verification", "Authorization", bearer).json().path("verified").asBoolean()).isFalse();

        // an X check character, in either case
        String withX = idNumber("11010519491231002");
        assertThat(withX).endsWith("X");
        Api.Response lower = verify(bearer, "Wang Fang", withX.toLowerCase(java.util.Locale.ROOT));
        assertThat(lower.status()).as(lower.body()).isEqualTo(200);
        assertThat(lower.json().path("id_number").asString()).endsWith("002X");
        assertThat(lower.json().path("name").asString()).isEqualTo("*ang Fang");
    }

    @Test
    void onlyTheConsumerReachesTheirVerification() {
        assertThat(api.get("/v1/users/me/verification").status()).isEqualTo(401);
        assertThat(api.get("/v1/users/me/verification", "Authorization", admin()).status()).isEqualTo(403);
    }
}
