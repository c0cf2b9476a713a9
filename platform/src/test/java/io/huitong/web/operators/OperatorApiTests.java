package io.huitong.web.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Operators over HTTP: creation, the mandatory TOTP enrolment, login with a code, lockout, disabling, sessions. */
abstract class OperatorApiTests extends ApiTestSupport {

    private static final String PASSWORD = TestOperators.PASSWORD;

    @Autowired
    MutableClock clock;

    TestOperators operators;

    /** Every test logs in from the same address: earlier tests' failures must have aged out of the guard's window. */
    @BeforeEach
    void setUp() {
        clock.advance(Duration.ofMinutes(16));
        operators = new TestOperators(api, clock);
    }

    @Test
    void anAdminCreatesAnOperatorWhoMustEnrolTotpBeforeAnySession() {
        String email = TestOperators.newEmail();
        Api.Response created = operators.create(email.toUpperCase(java.util.Locale.ROOT), "finance", "auditor");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).startsWith("op_");
        assertThat(created.json().path("object").asString()).isEqualTo("operator");
        assertThat(created.json().path("email").asString()).as("kept in lower case").isEqualTo(email);
        assertThat(created.json().path("roles").toString()).contains("finance").contains("auditor");
        assertThat(created.json().path("mfa_enabled").asBoolean()).isFalse();
        assertThat(created.json().path("status").asString()).isEqualTo("active");
        assertThat(created.json().path("created_at").asString()).isNotEmpty();
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("password");

        // the right password without a second factor gets an enrolment token, never a session
        Api.Response first = operators.login(email, PASSWORD, "123456");
        assertThat(first.status()).as(first.body()).isEqualTo(401);
        assertThat(first.error("code")).isEqualTo("mfa_enrollment_required");
        assertThat(first.error("type")).isEqualTo("authentication_error");
        assertThat(first.json().path("token").isMissingNode()).isTrue();
        String enrollment = first.json().path("enrollment_token").asString();
        assertThat(enrollment).startsWith("oet_");
        assertThat(first.json().path("enrollment_token_expires_at").asString()).isNotEmpty();

        // the enrolment token reaches nothing but the enrolment
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", Api.bearer(enrollment)).status()).isEqualTo(401);
        assertThat(api.get("/v1/admin/operators", "Authorization", Api.bearer(enrollment)).status()).isEqualTo(401);
        assertThat(operators.confirmEnrollment(enrollment, "123456").error("code")).as("not started").isEqualTo("enrollment_not_started");

        Api.Response begun = operators.beginEnrollment(enrollment);
        assertThat(begun.status()).as(begun.body()).isEqualTo(201);
        String secret = begun.json().path("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(begun.json().path("otpauth_uri").asString())
                .startsWith("otpauth://totp/Huitong%3A" + email.replace("@", "%40"))
                .contains("secret=" + secret).contains("issuer=Huitong").contains("digits=6").contains("period=30");

        String right = TestOperators.code(secret, clock.instant());
        String wrong = right.equals("000000") ? "111111" : "000000";
        Api.Response refused = operators.confirmEnrollment(enrollment, wrong);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.error("code")).isEqualTo("invalid_otp");
        assertThat(operators.confirmEnrollment("oet_forged", right).error("code")).isEqualTo("invalid_enrollment_token");

        Api.Response session = operators.confirmEnrollment(enrollment, right);
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        assertThat(session.json().path("object").asString()).isEqualTo("operator_session");
        String token = session.json().path("token").asString();
        assertThat(token).startsWith("ost_");
        assertThat(session.json().path("operator").path("mfa_enabled").asBoolean()).isTrue();
        assertThat(operators.beginEnrollment(enrollment).status()).as("the enrolment token is spent").isEqualTo(401);

        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", Api.bearer(token));
        assertThat(check.status()).as("finance reads the ledger: " + check.body()).isEqualTo(200);
        assertThat(api.get("/v1/admin/operators", "Authorization", Api.bearer(token)).status()).as("only admins manage operators")
                .isEqualTo(403);

        Api.Response fetched = api.get("/v1/admin/operators/" + created.json().path("id").asString(), "Authorization", admin());
        assertThat(fetched.json().path("mfa_enabled").asBoolean()).isTrue();
        assertThat(fetched.body()).doesNotContain(secret);
        Api.Response listed = api.get("/v1/admin/operators?limit=100", "Authorization", admin());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(created.json().path("id").asString());
    }

    @Test
    void anEnrolledOperatorLogsInOnlyWithAFreshRightCode() {
        TestOperators.LoggedIn op = operators.createAndLogIn("support");

        Api.Response noCode = operators.login(op.email(), PASSWORD, null);
        assertThat(noCode.status()).as(noCode.body()).isEqualTo(401);
        assertThat(noCode.error("code")).isEqualTo("mfa_required");
        assertThat(noCode.json().path("enrollment_token").isMissingNode()).as("no way around the enrolled factor").isTrue();

        clock.advance(Duration.ofSeconds(30));
        String right = TestOperators.code(op.totpSecret(), clock.instant());
        String wrong = right.equals("000000") ? "111111" : "000000";
        Api.Response bad = operators.login(op.email(), PASSWORD, wrong);
        assertThat(bad.status()).as(bad.body()).isEqualTo(401);
        assertThat(bad.error("code")).isEqualTo("invalid_otp");
        assertThat(operators.login(op.email(), PASSWORD, "12ab56").error("code")).isEqualTo("invalid_otp");
        assertThat(operators.login(op.email(), "Wrong password 2026", right).error("code")).isEqualTo("invalid_credentials");

        Api.Response good = operators.login(op.email(), PASSWORD, right);
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(good.json().path("token").asString()).startsWith("ost_");
        assertThat(good.json().path("expires_at").asString()).isNotEmpty();
        assertThat(good.json().path("operator").path("roles").toString()).isEqualTo("[\"support\"]");
        assertThat(good.body()).doesNotContain(op.totpSecret());

        Api.Response replay = operators.login(op.email(), PASSWORD, right);
        assertThat(replay.status()).as("a code is used once: " + replay.body()).isEqualTo(401);
        assertThat(replay.error("code")).isEqualTo("invalid_otp");
        assertThat(operators.loginWithCode(op.email(), op.totpSecret()).status()).as("the next code").isEqualTo(201);
        assertThat(operators.login(op.email().toUpperCase(java.util.Locale.ROOT), PASSWORD, null).error("code"))
                .as("email without case").isEqualTo("mfa_required");
    }

    @Test
    void badOperatorsAre400AndADuplicateEmail409() {
        String email = TestOperators.newEmail();
        String[][] cases = {
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[\"superuser\"],\"password\":\"" + PASSWORD + "\"}", "roles",
                        "parameter_invalid"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[],\"password\":\"" + PASSWORD + "\"}", "roles", "parameter_invalid"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"password\":\"" + PASSWORD + "\"}", "roles", "parameter_missing"},
                {"{\"email\":\"not-an-email\",\"name\":\"Li\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}", "email",
                        "parameter_invalid"},
                {"{\"name\":\"Li\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}", "email", "parameter_missing"},
                {"{\"email\":\"" + email + "\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}", "name", "parameter_missing"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[\"admin\"]}", "password", "parameter_missing"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[\"admin\"],\"password\":\"Short 2026\"}", "password",
                        "password_too_weak"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[\"admin\"],\"password\":\"abababababababab\"}", "password",
                        "password_too_weak"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[\"admin\"],\"password\":\"1234567890123\"}", "password",
                        "password_too_weak"},
                {"{\"email\":\"" + email + "\",\"name\":\"Li\",\"roles\":[\"admin\"],\"password\":\"x" + email.substring(0, email.indexOf('@'))
                        + "!\"}", "password", "password_too_weak"},
        };
        for (String[] c : cases) {
            Api.Response r = api.postJson("/v1/admin/operators", c[0], "Authorization", admin());
            assertThat(r.status()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("param")).as(c[0]).isEqualTo(c[1]);
            assertThat(r.error("code")).as(c[0]).isEqualTo(c[2]);
            assertThat(r.error("message")).isNotBlank();
        }
        assertThat(operators.login(email, PASSWORD, null).error("code")).as("nothing was created").isEqualTo("invalid_credentials");

        assertThat(operators.create(email, "support").status()).isEqualTo(201);
        Api.Response again = operators.create(email.toUpperCase(java.util.Locale.ROOT), "admin");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("email_taken");
    }

    @Test
    void fiveFailuresLockTheAccountFor15MinutesWhetherPasswordsOrCodes() {
        TestOperators.LoggedIn op = operators.createAndLogIn("auditor");
        for (int i = 0; i < 4; i++) {
            Api.Response wrong = i % 2 == 0 ? operators.login(op.email(), "Wrong password " + i, "000000")
                    : operators.login(op.email(), PASSWORD, "00000" + i);
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        }
        Api.Response fifth = operators.login(op.email(), "Wrong password 5", null);
        assertThat(fifth.status()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.error("code")).isEqualTo("login_locked");
        assertThat(operators.loginWithCode(op.email(), op.totpSecret()).status()).as("locked even with everything right").isEqualTo(429);

        clock.advance(Duration.ofMinutes(16));
        assertThat(operators.loginWithCode(op.email(), op.totpSecret()).status()).as("unlocked after 15 minutes").isEqualTo(201);

        // five failures from one address on other accounts lock those, not everyone behind the address
        for (int i = 0; i < 5; i++) {
            operators.login(TestOperators.newEmail(), "Any password " + i, "123456");
        }
        clock.advance(Duration.ofSeconds(31)); // the next TOTP step: a code is used once
        assertThat(operators.loginWithCode(op.email(), op.totpSecret()).status()).as("the address is not locked").isEqualTo(201);
    }

    @Test
    void aDisabledOperatorIsLoggedOutAndCannotLogIn() {
        TestOperators.LoggedIn op = operators.createAndLogIn("risk_analyst");
        assertThat(api.get("/v1/admin/channels", "Authorization", op.bearer()).status()).isEqualTo(200);

        Api.Response disabled = api.postJson("/v1/admin/operators/" + op.id() + "/disable", "{}", "Authorization", admin());
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("status").asString()).isEqualTo("disabled");

        assertThat(api.get("/v1/admin/channels", "Authorization", op.bearer()).status()).as("the session ended").isEqualTo(401);
        Api.Response login = operators.loginWithCode(op.email(), op.totpSecret());
        assertThat(login.status()).as(login.body()).isEqualTo(401);
        assertThat(login.error("code")).isEqualTo("operator_disabled");

        // a disabled operator who never enrolled gets no enrolment token either
        String email = TestOperators.newEmail();
        String id = operators.create(email, "support").json().path("id").asString();
        api.postJson("/v1/admin/operators/" + id + "/disable", "{}", "Authorization", admin());
        assertThat(operators.login(email, PASSWORD, null).error("code")).isEqualTo("operator_disabled");

        assertThat(api.postJson("/v1/admin/operators/op_missing/disable", "{}", "Authorization", admin()).status()).isEqualTo(404);
        TestOperators.LoggedIn admin = operators.createAndLogIn("admin");
        Api.Response self = api.postJson("/v1/admin/operators/" + admin.id() + "/disable", "{}", "Authorization", admin.bearer());
        assertThat(self.status()).as(self.body()).isEqualTo(400);
    }

    @Test
    void anAdminEndsEveryOperatorSessionAtOnceAndEveryoneLogsInAgain() {
        TestOperators.LoggedIn analyst = operators.createAndLogIn("risk_analyst");
        TestOperators.LoggedIn admin = operators.createAndLogIn("admin");
        assertThat(api.get("/v1/admin/channels", "Authorization", analyst.bearer()).status()).isEqualTo(200);

        Api.Response refused = api.postJson("/v1/admin/operators/sessions/end", "{}", "Authorization", analyst.bearer());
        assertThat(refused.status()).as("an admin's action").isEqualTo(403);
        assertThat(api.get("/v1/admin/channels", "Authorization", analyst.bearer()).status()).as("nothing ended").isEqualTo(200);

        Api.Response ended = api.postJson("/v1/admin/operators/sessions/end", "{}", "Authorization", admin.bearer());
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().path("ended").asInt()).as("at least the two sessions of this test").isGreaterThanOrEqualTo(2);
        assertThat(api.get("/v1/admin/channels", "Authorization", analyst.bearer()).status()).as("the analyst's session").isEqualTo(401);
        assertThat(api.get("/v1/admin/operators", "Authorization", admin.bearer()).status()).as("the caller's own").isEqualTo(401);
        assertThat(api.get("/v1/admin/operators", "Authorization", admin()).status()).as("the admin key is no session").isEqualTo(200);

        clock.advance(Duration.ofSeconds(31)); // the next TOTP step
        Api.Response again = operators.loginWithCode(analyst.email(), analyst.totpSecret());
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(api.get("/v1/admin/channels", "Authorization", Api.bearer(again.json().path("token").asString())).status())
                .as("a new login works").isEqualTo(200);
        Api.Response none = api.postJson("/v1/admin/operators/sessions/end", "{}", "Authorization", admin());
        assertThat(none.json().path("ended").asInt()).as("only the new session was open").isEqualTo(1);
        assertThat(api.get("/v1/admin/audit?actor=" + admin.id(), "Authorization", admin()).body())
                .as("on the audit chain").contains("/v1/admin/operators/sessions/end");
    }

    @Test
    void aSessionEndsAtLogoutAndAfter8Hours() {
        TestOperators.LoggedIn op = operators.createAndLogIn("admin");
        String second = operators.loginWithCode(op.email(), op.totpSecret()).json().path("token").asString();

        assertThat(api.delete("/v1/operator_sessions/current", "Authorization", op.bearer()).status()).isEqualTo(204);
        assertThat(api.get("/v1/admin/operators", "Authorization", op.bearer()).status()).as("logged out").isEqualTo(401);
        assertThat(api.get("/v1/admin/operators", "Authorization", Api.bearer(second)).status()).as("the other session").isEqualTo(200);
        assertThat(api.delete("/v1/operator_sessions/current", "Authorization", admin()).status()).as("the admin key is no session")
                .isEqualTo(400);

        // an operator's session reaches neither merchants' nor consumers' endpoints; /actuator is for admins
        TestOperators.LoggedIn support = operators.createAndLogIn("support", "finance", "auditor", "risk_analyst");
        assertThat(api.get("/v1/payments", "Authorization", support.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/balance", "Authorization", support.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/users/me", "Authorization", support.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/info", "Authorization", support.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/info", "Authorization", Api.bearer(second)).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(7).plusMinutes(58));
        assertThat(api.get("/v1/admin/operators", "Authorization", Api.bearer(second)).status()).as("within 8 h").isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.get("/v1/admin/operators", "Authorization", Api.bearer(second)).status()).as("expired").isEqualTo(401);
    }

    @Test
    void anAdminResetsALostSecondFactorAndTheOperatorEnrolsAgain() {
        TestOperators.LoggedIn op = operators.createAndLogIn("support");
        Api.Response reset = api.postJson("/v1/admin/operators/" + op.id() + "/reset_mfa", "{}", "Authorization", admin());
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().path("mfa_enabled").asBoolean()).isFalse();
        assertThat(api.get("/v1/admin/channels", "Authorization", op.bearer()).status()).as("the sessions ended").isEqualTo(401);
        assertThat(operators.loginWithCode(op.email(), op.totpSecret()).error("code")).as("the old secret is gone")
                .isEqualTo("mfa_enrollment_required");
        String enrollment = operators.enrollmentToken(op.email());
        String secret = operators.beginEnrollment(enrollment).json().path("secret").asString();
        assertThat(secret).isNotEqualTo(op.totpSecret());
        assertThat(operators.confirmEnrollment(enrollment, TestOperators.code(secret, clock.instant())).status()).isEqualTo(201);
        assertThat(api.postJson("/v1/admin/operators/op_missing/reset_mfa", "{}", "Authorization", admin()).status()).isEqualTo(404);
    }

    @Test
    void anEnrolmentTokenExpires() {
        String email = TestOperators.newEmail();
        operators.create(email, "support");
        String enrollment = operators.enrollmentToken(email);
        clock.advance(Duration.ofMinutes(16));
        Api.Response late = operators.beginEnrollment(enrollment);
        assertThat(late.status()).as(late.body()).isEqualTo(401);
        assertThat(late.error("code")).isEqualTo("invalid_enrollment_token");
        assertThat(operators.beginEnrollment(operators.enrollmentToken(email)).status()).as("a new login, a new token").isEqualTo(201);
    }
}
