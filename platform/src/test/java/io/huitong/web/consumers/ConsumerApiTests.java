package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;

/** Consumers' sign-up, login, lockout, session expiry and logout over HTTP. */
abstract class ConsumerApiTests extends ApiTestSupport {

    static final String PASSWORD = "Plum-blossom 2026";
    private static final AtomicLong PHONES = new AtomicLong(13_800_000_000L + System.nanoTime() % 90_000_000L);

    @Autowired
    MutableClock clock;

    /** Every test logs in from the same address: earlier tests' failures must have aged out of the guard's window. */
    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    static String newPhone() {
        return "+86" + PHONES.incrementAndGet();
    }

    Api.Response signUp(String phone, String password) {
        return api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + password + "\",\"name\":\"Han Meimei\"}");
    }

    Api.Response login(String phone, String password) {
        return api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + password + "\"}");
    }

    String token(String phone) {
        Api.Response r = login(phone, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("token").asString();
    }

    @Test
    void aConsumerSignsUpLogsInAndSeesTheirProfile() {
        String phone = newPhone();
        Api.Response created = signUp(phone.substring(3), PASSWORD);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).startsWith("usr_");
        assertThat(created.json().path("phone").asString()).isEqualTo("+86 " + phone.substring(3, 6) + "****" + phone.substring(10));
        assertThat(created.body()).doesNotContain(phone.substring(3)).doesNotContain(PASSWORD);

        Api.Response session = login(phone, PASSWORD);
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        String token = session.json().path("token").asString();
        assertThat(token).startsWith("ust_");
        assertThat(session.json().path("expires_at").asString()).isNotEmpty();

        Api.Response me = api.get("/v1/users/me", "Authorization", "Bearer " + token);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(created.json().path("id").asString());

        assertThat(api.get("/v1/users/me/notices", "Authorization", "Bearer " + token).json().path("data")).isEmpty();

        // the same phone again is answered as a new one is, so that trying numbers tells nobody who is a customer
        Api.Response again = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"Another long passphrase 7\","
                + "\"name\":\"Someone Else\"}");
        Api.Response fresh = api.postJson("/v1/users", "{\"phone\":\"" + newPhone() + "\",\"password\":\"Another long passphrase 7\","
                + "\"name\":\"Someone Else\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(fresh.status()).isEqualTo(201);
        assertThat(again.json().propertyNames()).isEqualTo(fresh.json().propertyNames());
        assertThat(again.json().path("id").asString()).startsWith("usr_").isNotEqualTo(created.json().path("id").asString());
        assertThat(login(phone, "Another long passphrase 7").status()).as("nothing changed").isEqualTo(401);
        assertThat(login(phone, PASSWORD).status()).isEqualTo(201);
        // and the owner is told
        JsonNode notices = api.get("/v1/users/me/notices", "Authorization", "Bearer " + token).json().path("data");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).path("object").asString()).isEqualTo("notice");
        assertThat(notices.get(0).path("kind").asString()).isEqualTo("sign_up_attempt");
        assertThat(notices.get(0).path("message").asString()).contains("tried to sign up with your phone number");
    }

    @Test
    void weakPasswordsAndBadSignUpsAre400AndCreateNothing() {
        String phone = newPhone();
        String[][] cases = {
                {"short1!", "password_too_weak"},
                {"password123", "password_too_weak"},
                {"Qwertyuiop", "password_too_weak"},
                {"aaaaaaaaaaaa", "password_too_weak"},
                {"x" + phone.substring(3) + "y", "password_too_weak"},
        };
        for (String[] c : cases) {
            Api.Response r = signUp(phone, c[0]);
            assertThat(r.status()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).as(c[0]).isEqualTo(c[1]);
            assertThat(r.error("param")).isEqualTo("password");
            assertThat(r.error("message")).isNotBlank();
        }
        assertThat(signUp("12345", PASSWORD).error("param")).isEqualTo("phone");
        assertThat(api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}").error("param"))
                .isEqualTo("name");
        assertThat(login(phone, PASSWORD).status()).as("nothing was created").isEqualTo(401);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountFor15Minutes() {
        String phone = newPhone();
        signUp(phone, PASSWORD);
        for (int i = 0; i < 4; i++) {
            Api.Response wrong = login(phone, "Wrong password " + i);
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
            assertThat(wrong.error("code")).isEqualTo("invalid_credentials");
        }
        Api.Response fifth = login(phone, "Wrong password 5");
        assertThat(fifth.status()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.error("code")).isEqualTo("login_locked");
        assertThat(fifth.error("type")).isEqualTo("rate_limit_error");
        assertThat(login(phone, PASSWORD).status()).as("locked even with the right password").isEqualTo(429);

        clock.advance(Duration.ofMinutes(16));
        assertThat(login(phone, PASSWORD).status()).as("unlocked after 15 minutes").isEqualTo(201);

        // five failures from one address on other accounts lock those, not everyone behind the address (an office, a NAT)
        String other = newPhone();
        signUp(other, PASSWORD);
        for (int i = 0; i < 5; i++) {
            login(newPhone(), "Any password " + i);
        }
        assertThat(login(other, PASSWORD).status()).as("the address is not locked").isEqualTo(201);
    }

    @Test
    void wrongPasswordsSentAtOnceAreCheckedNoMoreThanTheLockoutAllows() throws Exception {
        String phone = newPhone();
        signUp(phone, PASSWORD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Api.Response>> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String password = "Wrong password " + i;
            wrong.add(pool.submit(() -> {
                start.await();
                return login(phone, password);
            }));
        }
        start.countDown();
        int checked = 0;
        for (java.util.concurrent.Future<Api.Response> response : wrong) {
            Api.Response r = response.get();
            assertThat(r.status()).as(r.body()).isIn(401, 429);
            checked += r.status() == 401 ? 1 : 0;
        }
        pool.shutdown();

        assertThat(checked).as("wrong passwords answered as wrong rather than locked").isLessThanOrEqualTo(4);
        assertThat(login(phone, PASSWORD).status()).as("the right password after them finds the account locked").isEqualTo(429);
    }

    @Test
    void aSessionEndsAtLogoutAndAtExpiry() {
        String phone = newPhone();
        signUp(phone, PASSWORD);
        String first = token(phone);
        String second = token(phone);
        assertThat(api.get("/v1/users/me", "Authorization", "Bearer " + first).status()).as("before the logout").isEqualTo(200);
        assertThat(api.delete("/v1/sessions/current", "Authorization", "Bearer " + first).status()).isEqualTo(204);
        assertThat(api.get("/v1/users/me", "Authorization", "Bearer " + first).status()).as("logged out").isEqualTo(401);
        assertThat(api.get("/v1/users/me", "Authorization", "Bearer " + second).status()).as("the other session").isEqualTo(200);

        clock.advance(Duration.ofHours(13));
        assertThat(api.get("/v1/users/me", "Authorization", "Bearer " + second).status()).as("expired").isEqualTo(401);
    }

    @Test
    void aConsumerTokenReachesNeitherMerchantNorOperatorEndpointsAndKeysDoNotReachConsumers() {
        String phone = newPhone();
        signUp(phone, PASSWORD);
        String bearer = "Bearer " + token(phone);
        assertThat(api.get("/v1/payments", "Authorization", bearer).status()).isEqualTo(403);
        assertThat(api.get("/v1/balance", "Authorization", bearer).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/merchants", "Authorization", bearer).status()).isEqualTo(403);
        OnboardedMerchant merchant = onboardMerchant("Consumers Test Shop", "");
        assertThat(api.get("/v1/users/me", "Authorization", merchant.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/users/me", "Authorization", admin()).status()).isEqualTo(403);
        assertThat(api.get("/v1/users/me").status()).isEqualTo(401);
    }
}
