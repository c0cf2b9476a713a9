package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Consumers' passkeys over HTTP, with a software authenticator: registration, login with a passkey alone, and refusals. */
abstract class PasskeyApiTests extends ApiTestSupport {

    static final String RP_ID = "wallet.huitong.test";
    static final String ORIGIN = "https://wallet.huitong.test";
    static final String PASSWORD = "Plum-blossom 2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong PHONES = new AtomicLong(13_900_000_000L + System.nanoTime() % 90_000_000L);

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void relyingParty(DynamicPropertyRegistry registry) {
        registry.add("huitong.consumers.passkeys.rp-id", () -> RP_ID);
        registry.add("huitong.consumers.passkeys.origins", () -> ORIGIN);
    }

    /** Every test logs in from the same address: earlier tests' failures must have aged out of the guard's window. */
    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    /** A consumer signed up and logged in with a password. */
    record Consumer(String id, String bearer) {
    }

    Consumer consumer() {
        String phone = "+86" + PHONES.incrementAndGet();
        Api.Response created = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Li Lei\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response session = api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        return new Consumer(created.json().path("id").asString(), "Bearer " + session.json().path("token").asString());
    }

    Api.Response registrationOptions(Consumer consumer) {
        return api.postJson("/v1/users/me/passkeys/registration_options", "", "Authorization", consumer.bearer());
    }

    Api.Response register(Consumer consumer, String ceremony, JsonNode credential) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ceremony", ceremony);
        body.put("name", "My phone");
        body.set("credential", credential);
        return api.postJson("/v1/users/me/passkeys", body.toString(), "Authorization", consumer.bearer());
    }

    /** Registers the authenticator's passkey for the consumer; answers the passkey's id. */
    String registered(Consumer consumer, PasskeyAuthenticator authenticator) {
        Api.Response options = registrationOptions(consumer);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Api.Response created = register(consumer, options.json().path("id").asString(), authenticator.create(options.json().path("public_key")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    Api.Response loginOptions() {
        Api.Response options = api.postJson("/v1/sessions/passkey/options", "");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options;
    }

    static String loginBody(Api.Response options, JsonNode credential) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ceremony", options.json().path("id").asString());
        body.set("credential", credential);
        return body.toString();
    }

    Api.Response login(PasskeyAuthenticator authenticator) {
        Api.Response options = loginOptions();
        return api.postJson("/v1/sessions/passkey", loginBody(options, authenticator.get(options.json().path("public_key"))));
    }

    static void assertRefused(Api.Response r, String as) {
        assertThat(r.status()).as(as + ": " + r.body()).isEqualTo(401);
        assertThat(r.error("code")).as(as).isEqualTo("passkey_invalid");
        assertThat(r.error("type")).as(as).isEqualTo("authentication_error");
    }

    List<String> passkeyIds(Consumer consumer) {
        Api.Response list = api.get("/v1/users/me/passkeys", "Authorization", consumer.bearer());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(p -> ids.add(p.path("id").asString()));
        return ids;
    }

    @Test
    void aConsumerRegistersAPasskeyAndLogsInWithItAlone() {
        Consumer consumer = consumer();
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);

        Api.Response options = registrationOptions(consumer);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("id").asString()).startsWith("pkc_");
        JsonNode creation = options.json().path("public_key");
        assertThat(creation.path("challenge").asString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(creation.path("rp").path("id").asString()).isEqualTo(RP_ID);
        assertThat(creation.path("rp").path("name").asString()).isEqualTo("Huitong");
        assertThat(creation.path("user").path("name").asString()).as("the phone, masked").contains("****");
        assertThat(creation.path("user").path("displayName").asString()).isEqualTo("Li Lei");
        assertThat(creation.path("pubKeyCredParams").findValuesAsString("alg")).containsExactly("-7", "-257");
        assertThat(creation.path("authenticatorSelection").path("residentKey").asString()).isEqualTo("required");
        assertThat(creation.path("authenticatorSelection").path("userVerification").asString()).isEqualTo("required");
        assertThat(creation.path("excludeCredentials").size()).isZero();

        Api.Response created = register(consumer, options.json().path("id").asString(), authenticator.create(creation));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String passkeyId = created.json().path("id").asString();
        assertThat(passkeyId).startsWith("pk_");
        assertThat(created.json().path("object").asString()).isEqualTo("passkey");
        assertThat(created.json().path("name").asString()).isEqualTo("My phone");
        assertThat(created.json().path("created_at").asString()).isNotEmpty();
        assertThat(created.json().has("last_used_at")).isTrue();
        assertThat(created.json().path("last_used_at").isNull()).isTrue();
        assertThat(passkeyIds(consumer)).containsExactly(passkeyId);

        // the next registration excludes the passkey the consumer has
        JsonNode again = registrationOptions(consumer).json().path("public_key");
        assertThat(again.path("excludeCredentials").findValuesAsString("id")).containsExactly(authenticator.credentialId());
        assertThat(again.path("user").path("id").asString()).as("one user handle per consumer")
                .isEqualTo(creation.path("user").path("id").asString());

        Api.Response loginOptions = loginOptions();
        JsonNode request = loginOptions.json().path("public_key");
        assertThat(request.path("rpId").asString()).isEqualTo(RP_ID);
        assertThat(request.path("userVerification").asString()).isEqualTo("required");
        assertThat(request.has("allowCredentials")).as("discoverable passkeys: no user named").isFalse();
        Api.Response session = api.postJson("/v1/sessions/passkey", loginBody(loginOptions, authenticator.get(request)));
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        assertThat(session.json().path("token").asString()).startsWith("ust_");
        assertThat(session.json().path("expires_at").asString()).isNotEmpty();

        Api.Response me = api.get("/v1/users/me", "Authorization", "Bearer " + session.json().path("token").asString());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(consumer.id());
        Api.Response list = api.get("/v1/users/me/passkeys", "Authorization", consumer.bearer());
        assertThat(list.json().path("data").path(0).path("last_used_at").asString()).isNotEmpty();

        assertThat(login(authenticator).status()).as("and again, the counter moving on").isEqualTo(201);
    }

    @Test
    void aReplayedAssertionIsRefused() {
        // without a counter, only the single-use challenge stops a replay
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID).withoutCounter();
        registered(consumer(), authenticator);
        Api.Response options = loginOptions();
        String body = loginBody(options, authenticator.get(options.json().path("public_key")));
        assertThat(api.postJson("/v1/sessions/passkey", body).status()).isEqualTo(201);

        assertRefused(api.postJson("/v1/sessions/passkey", body), "the same answer again");
        // nor does the answer fit another ceremony: its challenge is not the one signed
        JsonNode replayed = JSON.readTree(body).path("credential");
        assertRefused(api.postJson("/v1/sessions/passkey", loginBody(loginOptions(), replayed)), "the answer to a new ceremony");
        assertThat(login(authenticator).status()).as("a new answer").isEqualTo(201);
    }

    @Test
    void anAssertionSignedByAnotherKeyIsRefusedAndChangesNothing() {
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        registered(consumer(), authenticator);

        assertRefused(login(authenticator.withAnotherKey().signCount(50)), "another key");
        // the forged counter was not stored: the real passkey, still at 1, logs in
        assertThat(login(authenticator).status()).isEqualTo(201);
    }

    @Test
    void anAssertionMustSayRightlyWhosePasskeyItIs() {
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        registered(consumer(), authenticator);

        // the user handle is outside the signature: the platform must check it against the passkey's owner
        Api.Response options = loginOptions();
        ObjectNode credential = authenticator.get(options.json().path("public_key"));
        ((ObjectNode) credential.path("response")).put("userHandle", "c29tZW9uZS1lbHNl");
        assertRefused(api.postJson("/v1/sessions/passkey", loginBody(options, credential)), "another user handle");

        options = loginOptions();
        credential = authenticator.get(options.json().path("public_key"));
        ((ObjectNode) credential.path("response")).remove("userHandle");
        assertRefused(api.postJson("/v1/sessions/passkey", loginBody(options, credential)), "no user handle");

        assertThat(login(authenticator).status()).isEqualTo(201);
    }

    @Test
    void aWrongOriginOrRelyingPartyIsRefused() {
        Consumer consumer = consumer();
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        registered(consumer, authenticator);

        assertRefused(login(authenticator.origin("https://wallet.huitong.test.evil.example")), "another origin");
        assertRefused(login(authenticator.origin(ORIGIN).rpId("evil.example")), "another relying party");
        assertThat(login(authenticator.rpId(RP_ID)).status()).isEqualTo(201);

        // nor is a passkey made for another origin registered
        PasskeyAuthenticator phishing = new PasskeyAuthenticator("https://evil.example", RP_ID);
        Api.Response options = registrationOptions(consumer);
        Api.Response refused = register(consumer, options.json().path("id").asString(), phishing.create(options.json().path("public_key")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error("code")).isEqualTo("passkey_invalid");
        assertThat(passkeyIds(consumer)).hasSize(1);
    }

    @Test
    void anExpiredChallengeIsRefused() {
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        Consumer consumer = consumer();
        registered(consumer, authenticator);

        Api.Response options = loginOptions();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertRefused(api.postJson("/v1/sessions/passkey", loginBody(options, authenticator.get(options.json().path("public_key")))),
                "after 5 minutes");

        Api.Response creation = registrationOptions(consumer);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Api.Response late = register(consumer, creation.json().path("id").asString(),
                new PasskeyAuthenticator(ORIGIN, RP_ID).create(creation.json().path("public_key")));
        assertThat(late.status()).as(late.body()).isEqualTo(400);
        assertThat(late.error("code")).isEqualTo("passkey_invalid");

        assertThat(login(authenticator).status()).as("a fresh challenge").isEqualTo(201);
    }

    @Test
    void aSignCountThatWentBackwardsIsRefused() {
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        registered(consumer(), authenticator);
        authenticator.signCount(9);
        assertThat(login(authenticator).status()).isEqualTo(201);
        authenticator.signCount(4);
        assertRefused(login(authenticator), "a counter behind the stored one: a cloned authenticator");
    }

    @Test
    void aDeletedPasskeyLogsInNoMore() {
        Consumer consumer = consumer();
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        String passkeyId = registered(consumer, authenticator);
        assertThat(login(authenticator).status()).isEqualTo(201);

        assertThat(api.delete("/v1/users/me/passkeys/" + passkeyId, "Authorization", consumer.bearer()).status()).isEqualTo(204);
        assertThat(passkeyIds(consumer)).isEmpty();
        assertRefused(login(authenticator), "deleted");
        assertThat(api.delete("/v1/users/me/passkeys/" + passkeyId, "Authorization", consumer.bearer()).status()).isEqualTo(404);
    }

    @Test
    void anotherConsumerCanNeitherSeeNorDeleteNorCompleteMyPasskey() {
        Consumer me = consumer();
        Consumer other = consumer();
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        String passkeyId = registered(me, authenticator);

        assertThat(passkeyIds(other)).isEmpty();
        Api.Response deleted = api.delete("/v1/users/me/passkeys/" + passkeyId, "Authorization", other.bearer());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(404);
        assertThat(deleted.error("code")).isEqualTo("resource_missing");
        assertThat(passkeyIds(me)).containsExactly(passkeyId);

        // my registration ceremony is mine: another consumer can't use it to register their passkey
        Api.Response options = registrationOptions(me);
        Api.Response stolen = register(other, options.json().path("id").asString(),
                new PasskeyAuthenticator(ORIGIN, RP_ID).create(options.json().path("public_key")));
        assertThat(stolen.status()).as(stolen.body()).isEqualTo(400);
        assertThat(passkeyIds(other)).isEmpty();

        // the same passkey can't be registered twice
        Api.Response twice = registrationOptions(other);
        Api.Response duplicate = register(other, twice.json().path("id").asString(), authenticator.create(twice.json().path("public_key")));
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
        assertThat(duplicate.error("code")).isEqualTo("passkey_exists");
        assertThat(passkeyIds(other)).isEmpty();
    }

    @Test
    void garbageFromAnAuthenticatorIsARefusalNotAnError() {
        Consumer me = consumer();
        // client data that is JSON but not client data, CBOR that is not an attestation, client data that is not JSON
        String[][] registrations = {{"e30", "AAECAwQ"}, {"e30", "v2Zmb3JtYXQ"}, {"bm90IGpzb24", "oA"}, {"e30", "oWNmbXRkbm9uZQ"}};
        for (String[] r : registrations) {
            String ceremony = registrationOptions(me).json().path("id").asString();
            Api.Response refused = register(me, ceremony, JSON.readTree("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
                    + "\"response\":{\"clientDataJSON\":\"" + r[0] + "\",\"attestationObject\":\"" + r[1] + "\"}}"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.error("code")).isEqualTo("passkey_invalid");
        }
        assertThat(passkeyIds(me)).isEmpty();
        // a login naming a real passkey, with what an authenticator would never send
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        registered(me, authenticator);
        String handle = JSON.readTree(registrationOptions(me).body()).path("public_key").path("user").path("id").asString();
        for (String clientData : new String[] {"e30", "bm90IGpzb24", "W10"}) {
            String ceremony = loginOptions().json().path("id").asString();
            String id = authenticator.credentialId();
            Api.Response refused = api.postJson("/v1/sessions/passkey", "{\"ceremony\":\"" + ceremony + "\",\"credential\":{\"id\":\"" + id
                    + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"" + clientData + "\","
                    + "\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\",\"userHandle\":\"" + handle + "\"}}}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.error("code")).isEqualTo("passkey_invalid");
        }
    }

    @Test
    void passkeyEndpointsNeedASessionExceptTheLoginAndMalformedAnswersAre400() {
        assertThat(api.postJson("/v1/users/me/passkeys/registration_options", "").status()).isEqualTo(401);
        assertThat(api.get("/v1/users/me/passkeys").status()).isEqualTo(401);

        Api.Response options = loginOptions();
        Api.Response noCredential = api.postJson("/v1/sessions/passkey", "{\"ceremony\":\"" + options.json().path("id").asString() + "\"}");
        assertThat(noCredential.status()).as(noCredential.body()).isEqualTo(400);
        assertThat(noCredential.error("param")).isEqualTo("credential");
        Api.Response noSignature = api.postJson("/v1/sessions/passkey", "{\"ceremony\":\"" + options.json().path("id").asString()
                + "\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\","
                + "\"authenticatorData\":\"AAAA\"}}}");
        assertThat(noSignature.status()).as(noSignature.body()).isEqualTo(400);
        assertThat(noSignature.error("param")).isEqualTo("credential.response.signature");
        assertThat(api.postJson("/v1/sessions/passkey", "{\"ceremony\":").status()).isEqualTo(400);
        assertThat(api.postJson("/v1/sessions/passkey", "{\"ceremony\":\"pkc_x\",\"credential\":{},\"extra\":1}").status()).isEqualTo(400);
    }

    @Test
    void manyFailedPasskeyLoginsThrottleTheAddressForAMinuteThenTwo() {
        PasskeyAuthenticator authenticator = new PasskeyAuthenticator(ORIGIN, RP_ID);
        registered(consumer(), authenticator);
        PasskeyAuthenticator forger = authenticator.withAnotherKey();
        for (int i = 0; i < 99; i++) {
            assertRefused(login(forger), "forged " + i);
        }
        assertThat(login(authenticator).status()).as("people behind one address are not locked out by a few failures")
                .isEqualTo(201);
        Api.Response hundredth = login(forger);
        assertThat(hundredth.status()).as(hundredth.body()).isEqualTo(429);
        assertThat(hundredth.error("code")).isEqualTo("login_locked");
        assertThat(login(authenticator).status()).as("throttled even with the real passkey").isEqualTo(429);

        clock.advance(Duration.ofSeconds(61));
        assertThat(login(authenticator).status()).isEqualTo(201);
        for (int i = 0; i < 100; i++) {
            login(forger);
        }
        clock.advance(Duration.ofSeconds(61));
        assertThat(login(authenticator).status()).as("a second lock in a row lasts two minutes").isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));
        assertThat(login(authenticator).status()).isEqualTo(201);
    }
}
