package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two-factor login with an authenticator app (TOTP) and recovery codes, over HTTP. */
abstract class MfaApiTests extends ConsumerTestSupport {

    @Autowired
    JdbcClient jdbc;

    /** Sets up and confirms an authenticator for the consumer: its secret and recovery codes. */
    record Enabled(String secret, List<String> recoveryCodes) {
    }

    Enabled enable(String bearer) {
        Api.Response setup = api.postJson("/v1/users/me/mfa/totp", "{}", "Authorization", bearer);
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        String secret = setup.json().path("secret").asString();
        Api.Response confirmed = api.postJson("/v1/users/me/mfa/totp/confirm", "{\"code\":\"" + code(secret, clock.instant()) + "\"}",
                "Authorization", bearer);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().path("recovery_codes").forEach(c -> codes.add(c.asString()));
        // the code that confirmed is spent, and so are those of its step and earlier ones
        clock.advance(Duration.ofSeconds(60));
        return new Enabled(secret, codes);
    }

    @Test
    void setUpConfirmAndLogInWithACodeThatWorksOnce() {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        assertThat(api.get("/v1/users/me/mfa/totp", "Authorization", bearer).json().path("status").asString()).isEqualTo("none");

        Api.Response setup = api.postJson("/v1/users/me/mfa/totp", "{}", "Authorization", bearer);
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        assertThat(setup.json().path("status").asString()).isEqualTo("pending");
        String secret = setup.json().path("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}"); // 160 bits
        String uri = setup.json().path("otpauth_uri").asString();
        assertThat(uri).startsWith("otpauth://totp/Huitong:").contains("secret=" + secret).contains("issuer=Huitong")
                .doesNotContain(consumer.phone().substring(3));
        byte[] png = Base64.getDecoder().decode(setup.json().path("qr_png").asString());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Api.Response image = api.get("/v1/users/me/mfa/totp/qr.png", "Authorization", bearer);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(api.get("/v1/users/me/mfa/totp", "Authorization", bearer).json().path("secret").asString())
                .as("shown again while pending").isEqualTo(secret);

        // the secret is sealed at rest
        String stored = jdbc.sql("select secret from consumer_totp where user_id = ?").params(consumer.id()).query(String.class).single();
        assertThat(stored).startsWith("v2.dk_").doesNotContain(secret);

        // pending is not on yet; a wrong code does not turn it on
        assertThat(login(consumer.phone(), null).status()).as("pending: no code needed yet").isEqualTo(201);
        String wrongCode = code(secret, clock.instant().minus(Duration.ofMinutes(10)));
        Api.Response wrong = api.postJson("/v1/users/me/mfa/totp/confirm", "{\"code\":\"" + wrongCode + "\"}", "Authorization", bearer);
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.error("code")).isEqualTo("otp_invalid");
        assertThat(wrong.body()).doesNotContain(wrongCode).doesNotContain(secret);

        Api.Response confirmed = api.postJson("/v1/users/me/mfa/totp/confirm", "{\"code\":\"" + code(secret, clock.instant()) + "\"}",
                "Authorization", bearer);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("enabled").asBoolean()).isTrue();
        List<String> recovery = new ArrayList<>();
        confirmed.json().path("recovery_codes").forEach(c -> recovery.add(c.asString()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"));
        Api.Response status = api.get("/v1/users/me/mfa/totp", "Authorization", bearer);
        assertThat(status.json().path("status").asString()).isEqualTo("enabled");
        assertThat(status.body()).doesNotContain(secret).doesNotContain("otpauth");
        assertThat(api.postJson("/v1/users/me/mfa/totp", "{}", "Authorization", bearer).error("code")).isEqualTo("totp_enabled");

        Api.Response without = login(consumer.phone(), null);
        assertThat(without.status()).as(without.body()).isEqualTo(401);
        assertThat(without.error("code")).isEqualTo("otp_required");
        assertThat(without.body()).doesNotContain("token");
        Api.Response wrongOtp = login(consumer.phone(), code(secret, clock.instant().minus(Duration.ofMinutes(5))));
        assertThat(wrongOtp.status()).as(wrongOtp.body()).isEqualTo(401);
        assertThat(wrongOtp.error("code")).isEqualTo("otp_invalid");
        assertThat(login(consumer.phone(), "12345").error("code")).as("not a code at all").isEqualTo("otp_invalid");

        clock.advance(Duration.ofSeconds(30));
        String current = code(secret, clock.instant());
        Api.Response right = login(consumer.phone(), current);
        assertThat(right.status()).as(right.body()).isEqualTo(201);
        assertThat(right.json().path("token").asString()).startsWith("ust_");
        Api.Response replayed = login(consumer.phone(), current);
        assertThat(replayed.status()).as("the same code again: " + replayed.body()).isEqualTo(401);
        assertThat(replayed.error("code")).isEqualTo("otp_invalid");
    }

    @Test
    void aCodeOfTheNeighbouringStepIsAcceptedButNotAnOlderOne() {
        Consumer consumer = newConsumer();
        Enabled enabled = enable(bearer(consumer.phone()));
        Instant now = clock.instant();
        assertThat(login(consumer.phone(), code(enabled.secret(), now.minus(Duration.ofSeconds(90)))).status())
                .as("three steps old").isEqualTo(401);
        assertThat(login(consumer.phone(), code(enabled.secret(), now.minus(Duration.ofSeconds(30)))).status())
                .as("one step old: clock drift").isEqualTo(201);
        clock.advance(Duration.ofSeconds(30));
        assertThat(login(consumer.phone(), code(enabled.secret(), clock.instant().minus(Duration.ofSeconds(60)))).status())
                .as("two steps old").isEqualTo(401);
        assertThat(login(consumer.phone(), code(enabled.secret(), clock.instant())).status()).isEqualTo(201);
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        Consumer consumer = newConsumer();
        Enabled enabled = enable(bearer(consumer.phone()));
        String recovery = enabled.recoveryCodes().get(3);
        Api.Response first = login(consumer.phone(), recovery.toUpperCase(java.util.Locale.ROOT));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Api.Response again = login(consumer.phone(), recovery);
        assertThat(again.status()).as(again.body()).isEqualTo(401);
        assertThat(again.error("code")).isEqualTo("otp_invalid");
        assertThat(login(consumer.phone(), enabled.recoveryCodes().get(4)).status()).as("another one").isEqualTo(201);
        assertThat(login(consumer.phone(), "aaaa-bbbb-cccc-dddd").status()).isEqualTo(401);

        // stored hashed, each with its own salt
        List<String> hashes = jdbc.sql("select code_hash from consumer_recovery_code where user_id = ?").params(consumer.id())
                .query(String.class).list();
        assertThat(hashes).hasSize(10);
        assertThat(new HashSet<>(hashes)).hasSize(10);
        assertThat(String.join(",", hashes)).doesNotContain(recovery.replace("-", ""));
    }

    @Test
    void wrongCodesCountTowardsTheLockout() {
        Consumer consumer = newConsumer();
        Enabled enabled = enable(bearer(consumer.phone()));
        String stale = code(enabled.secret(), clock.instant().minus(Duration.ofMinutes(30)));
        for (int i = 0; i < 4; i++) {
            Api.Response wrong = login(consumer.phone(), stale);
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
            assertThat(wrong.error("code")).isEqualTo("otp_invalid");
        }
        Api.Response fifth = login(consumer.phone(), stale);
        assertThat(fifth.status()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.error("code")).isEqualTo("login_locked");
        assertThat(login(consumer.phone(), code(enabled.secret(), clock.instant())).status())
                .as("locked even with the right code").isEqualTo(429);
        clock.advance(Duration.ofMinutes(16));
        assertThat(login(consumer.phone(), code(enabled.secret(), clock.instant())).status()).isEqualTo(201);
    }

    @Test
    void twoFactorLoginCanBeTurnedOffWithACode() {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        Enabled enabled = enable(bearer);
        Api.Response wrong = deleteJson("/v1/users/me/mfa/totp", "{\"code\":\"000000\"}", bearer);
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(login(consumer.phone(), null).error("code")).as("still on").isEqualTo("otp_required");

        Api.Response off = deleteJson("/v1/users/me/mfa/totp", "{\"code\":\"" + code(enabled.secret(), clock.instant()) + "\"}", bearer);
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("status").asString()).isEqualTo("none");
        assertThat(login(consumer.phone(), null).status()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from consumer_recovery_code where user_id = ?").params(consumer.id()).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void wrongCodesToTurnItOffAreLimitedToo() {
        Consumer consumer = newConsumer();
        String bearer = bearer(consumer.phone());
        Enabled enabled = enable(bearer);
        for (int i = 0; i < 4; i++) {
            assertThat(deleteJson("/v1/users/me/mfa/totp", "{\"code\":\"00000" + i + "\"}", bearer).error("code")).isEqualTo("otp_invalid");
        }
        Api.Response fifth = deleteJson("/v1/users/me/mfa/totp", "{\"code\":\"000009\"}", bearer);
        assertThat(fifth.status()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.error("code")).isEqualTo("otp_locked");
        assertThat(deleteJson("/v1/users/me/mfa/totp", "{\"code\":\"" + code(enabled.secret(), clock.instant()) + "\"}", bearer).status())
                .as("locked even with the right code").isEqualTo(429);
        clock.advance(Duration.ofMinutes(16));
        assertThat(deleteJson("/v1/users/me/mfa/totp", "{\"code\":\"" + code(enabled.secret(), clock.instant()) + "\"}", bearer).status())
                .isEqualTo(200);
    }

    @Test
    void onlyTheConsumerReachesTheirSetup() {
        assertThat(api.postJson("/v1/users/me/mfa/totp", "{}").status()).isEqualTo(401);
        assertThat(api.postJson("/v1/users/me/mfa/totp", "{}", "Authorization", admin()).status()).isEqualTo(403);
    }

    private Api.Response deleteJson(String path, String body, String bearer) {
        return api.send(api.request(path).method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", bearer).build());
    }
}
