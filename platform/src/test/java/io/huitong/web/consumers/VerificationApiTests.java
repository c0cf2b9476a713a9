package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Verification (实名认证) over HTTP, channel by channel: checked, sealed at rest, shown masked, giving the wallet's class. */
abstract class VerificationApiTests extends ConsumerTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    io.huitong.consumers.Verifications verifications;

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

    Api.Response channel(String bearer, String body) {
        return api.postJson("/v1/users/me/verification/channels", body, "Authorization", bearer);
    }

    static java.util.List<String> values(JsonNode array, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asString()));
        return values;
    }

    static String claim(String channel, String idNumber, String extra) {
        return "{\"channel\":\"" + channel + "\",\"name\":\"韩梅梅\",\"id_number\":\"" + idNumber + "\"" + extra + "}";
    }

    @Test
    void channelsAddUpToTheWalletsClassOneThreeFive() {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        Api.Response none = api.get("/v1/users/me/verification", "Authorization", bearer);
        assertThat(none.json().path("verified").asBoolean()).isFalse();
        assertThat(none.json().path("channels")).isEmpty();
        assertThat(none.json().path("class").isNull()).as(none.body()).isTrue();
        io.huitong.consumers.Verifications.Standing unverified = verifications.standing(consumer.id()).orElseThrow();
        assertThat(unverified.channels()).isEmpty();
        assertThat(unverified.since()).isEqualTo(jdbc.sql("select created_at from consumer where id = ?").params(consumer.id())
                .query(java.sql.Timestamp.class).single().toInstant());
        assertThat(verifications.standing("usr_nobody")).isEmpty();

        String id = idNumber("11010519900307456");
        Api.Response phone = channel(bearer, claim("phone_operator", id, ""));
        assertThat(phone.status()).as(phone.body()).isEqualTo(200);
        assertThat(phone.json().path("verified").asBoolean()).isTrue();
        assertThat(phone.json().path("name").asString()).isEqualTo("*梅梅");
        assertThat(phone.json().path("class").asString()).isEqualTo("I");
        JsonNode first = phone.json().path("channels").get(0);
        assertThat(first.path("channel").asString()).isEqualTo("phone_operator");
        assertThat(first.path("checked_by").asString()).as("no operator service in this deployment").isEqualTo("form");
        assertThat(first.path("detail").asString()).isEqualTo("+86 " + consumer.phone().substring(3, 6) + "****" + consumer.phone().substring(10));
        assertThat(first.path("verified_at").asString()).isNotEmpty();

        assertThat(verify(bearer, "韩梅梅", id).json().path("class").asString()).as("two channels").isEqualTo("I");
        String card = "6222020200112230";
        Api.Response bank = channel(bearer, claim("bank_card", id, ",\"bank_card\":{\"number\":\"6222 0202 0011 2230\",\"phone\":\"13800138000\"}"));
        assertThat(bank.status()).as(bank.body()).isEqualTo(200);
        assertThat(bank.json().path("class").asString()).isEqualTo("II");
        assertThat(bank.body()).doesNotContain(card).doesNotContain("13800138000").doesNotContain(id);
        assertThat(values(bank.json().path("channels"), "detail")).contains("•••• 2230");
        Api.Response again = channel(bearer, claim("bank_card", id, ",\"bank_card\":{\"number\":\"" + card + "\",\"phone\":\"13800138000\"}"));
        assertThat(again.status()).as("a channel verified already: " + again.body()).isEqualTo(200);
        assertThat(again.json().path("channels")).hasSize(3);

        assertThat(channel(bearer, claim("social_security", id, "")).json().path("class").asString()).isEqualTo("II");
        Api.Response five = channel(bearer, claim("HOUSING_FUND", id, ""));
        assertThat(five.json().path("class").asString()).isEqualTo("III");
        assertThat(values(five.json().path("channels"), "channel"))
                .containsExactlyInAnyOrder("phone_operator", "public_security", "bank_card", "social_security", "housing_fund");
        assertThat(api.get("/v1/users/me/verification", "Authorization", bearer).json().path("class").asString()).isEqualTo("III");
        assertThat(api.get("/v1/wallet", "Authorization", bearer).json().path("class").asString()).isEqualTo("III");
        assertThat(verifications.standing(consumer.id()).orElseThrow()).isEqualTo(
                new io.huitong.consumers.Verifications.Standing(unverified.since(), verifications.channels(consumer.id())));
        assertThat(verifications.channels(consumer.id())).hasSize(5);
        String stored = String.join(",", jdbc.sql("select coalesce(detail, '') from consumer_verification_channel where user_id = ?")
                .params(consumer.id()).query(String.class).list());
        assertThat(stored).doesNotContain(card).doesNotContain("13800138000").doesNotContain(consumer.phone());
    }

    @Test
    void aClaimWithBadElementsOrAnotherIdentityIsRefusedAndRecordsNothing() {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        String id = idNumber("11010519900307789");
        String[][] bad = {
                {"{\"name\":\"韩梅梅\",\"id_number\":\"" + id + "\"}", "parameter_missing", "channel"},
                {claim("passport", id, ""), "parameter_invalid", "channel"},
                {claim("face_to_face", id, ""), "parameter_invalid", "channel"},
                {claim("bank_card", id, ""), "parameter_missing", "bank_card"},
                {claim("bank_card", id, ",\"bank_card\":{\"number\":\"6222020200112233\",\"phone\":\"13800138000\"}"), "parameter_invalid",
                        "bank_card.number"},
                {claim("bank_card", id, ",\"bank_card\":{\"number\":\"6222020200112230\",\"phone\":\"12345\"}"), "parameter_invalid",
                        "bank_card.phone"},
                {claim("tax", id, ",\"bank_card\":{\"number\":\"6222020200112230\",\"phone\":\"13800138000\"}"), "parameter_invalid",
                        "bank_card"},
                {claim("tax", id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'), ""), "parameter_invalid", "id_number"},
                {"{\"channel\":\"tax\",\"id_number\":\"" + id + "\"}", "parameter_missing", "name"},
                {claim("tax", id, ",\"passport\":\"E12345678\""), "parameter_unknown", "passport"},
        };
        for (String[] b : bad) {
            Api.Response r = channel(bearer, b[0]);
            assertThat(r.status()).as(b[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).as(b[0]).isEqualTo(b[1]);
            assertThat(r.error("param")).as(b[0]).isEqualTo(b[2]);
            assertThat(r.body()).doesNotContain(id).doesNotContain("6222020200112230");
        }
        assertThat(api.get("/v1/users/me/verification", "Authorization", bearer).json().path("verified").asBoolean()).isFalse();

        assertThat(channel(bearer, claim("tax", id, "")).status()).isEqualTo(200);
        Api.Response other = channel(bearer, "{\"channel\":\"social_security\",\"name\":\"李雷\",\"id_number\":\"" + id + "\"}");
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.error("code")).isEqualTo("already_verified");
        Api.Response taken = channel(bearer(newConsumer().phone()), claim("social_security", id, ""));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.error("code")).isEqualTo("id_number_taken");
        Api.Response shown = api.get("/v1/users/me/verification", "Authorization", bearer);
        assertThat(shown.json().path("channels")).hasSize(1);
        assertThat(shown.json().path("class").asString()).isEqualTo("I");
    }

    @Test
    void anOperatorRecordsAFaceToFaceVerificationWhichOpensClassIII() {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        String id = idNumber("44030419851231345");
        String body = "{\"name\":\"韩梅梅\",\"id_number\":\"" + id + "\"}";
        String path = "/v1/admin/users/" + consumer.id() + "/verification";
        assertThat(api.postJson(path + "/face_to_face", body, "Authorization", bearer).status()).as("a consumer is no operator").isEqualTo(403);
        io.huitong.testsupport.TestOperators operators = new io.huitong.testsupport.TestOperators(api, clock);
        io.huitong.testsupport.TestOperators.LoggedIn finance = operators.createAndLogIn("finance");
        assertThat(api.postJson(path + "/face_to_face", body, "Authorization", finance.bearer()).status()).isEqualTo(403);
        assertThat(api.get(path, "Authorization", finance.bearer()).status()).isEqualTo(403);

        io.huitong.testsupport.TestOperators.LoggedIn support = operators.createAndLogIn("support");
        Api.Response asked = api.postJson(path + "/face_to_face", body, "Authorization", support.bearer());
        assertThat(asked.status()).as("class III waits for a second person: " + asked.body()).isEqualTo(202);
        assertThat(asked.json().path("action").asString()).isEqualTo("user.verification.face_to_face");
        assertThat(asked.json().path("details").path("id_number").asString()).isEqualTo("4403**********" + id.substring(14));
        assertThat(asked.body()).as("the approval shows the identity masked, never in clear").doesNotContain(id).doesNotContain("韩梅梅")
                .doesNotContain("sealed_request");
        assertThat(jdbc.sql("select details from approval where id = ?").params(asked.json().path("id").asString()).query(String.class)
                .single()).as("nor keeps it in clear").doesNotContain(id).doesNotContain("韩梅梅");
        assertThat(api.get(path, "Authorization", admin()).json().path("verified").asBoolean()).as("nothing recorded before approval").isFalse();
        assertThat(api.postJson("/v1/admin/approvals/" + asked.json().path("id").asString() + "/approve", "{}", "Authorization",
                support.bearer()).status()).as("not by the operator who asked").isEqualTo(403);
        colleague.approve(asked);

        Api.Response recorded = api.get(path, "Authorization", admin());
        assertThat(recorded.json().path("class").asString()).isEqualTo("III");
        assertThat(recorded.json().path("id_number").asString()).isEqualTo("4403**********" + id.substring(14));
        assertThat(recorded.body()).doesNotContain(id).doesNotContain("韩梅梅");
        JsonNode channel = recorded.json().path("channels").get(0);
        assertThat(channel.path("channel").asString()).isEqualTo("face_to_face");
        assertThat(channel.path("checked_by").asString()).isEqualTo("operator");
        assertThat(jdbc.sql("select operator_id from consumer_verification_channel where user_id = ?").params(consumer.id())
                .query(String.class).single()).as("recorded under the operator who saw the consumer").isEqualTo(support.id());
        assertThat(api.get("/v1/users/me/verification", "Authorization", bearer).json().path("class").asString()).isEqualTo("III");
        colleague.approve(api.postJson(path + "/face_to_face", body, "Authorization", admin()));
        assertThat(api.get(path, "Authorization", admin()).json().path("channels")).as("once").hasSize(1);

        Api.Response otherAsked = api.postJson(path + "/face_to_face", "{\"name\":\"李雷\",\"id_number\":\"" + id + "\"}", "Authorization",
                admin());
        assertThat(otherAsked.status()).as(otherAsked.body()).isEqualTo(202);
        Api.Response other = api.postJson("/v1/admin/approvals/" + otherAsked.json().path("id").asString() + "/approve", "{}",
                "Authorization", colleague.approver().bearer());
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.error("code")).isEqualTo("already_verified");
        Api.Response unknown = api.postJson("/v1/admin/users/usr_nobody/verification/face_to_face", body, "Authorization", admin());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(api.get("/v1/admin/users/usr_nobody/verification", "Authorization", admin()).status()).isEqualTo(404);
        Api.Response invalid = api.postJson(path + "/face_to_face", "{\"name\":\"韩梅梅\"}", "Authorization", admin());
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.error("param")).isEqualTo("id_number");
    }

    @Test
    void onlyTheConsumerReachesTheirVerification() {
        assertThat(api.get("/v1/users/me/verification").status()).isEqualTo(401);
        assertThat(api.get("/v1/users/me/verification", "Authorization", admin()).status()).isEqualTo(403);
    }
}
