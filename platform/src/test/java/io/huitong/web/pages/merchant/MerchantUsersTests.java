package io.huitong.web.pages.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A merchant's staff on the dashboard: an operator invites the first owner (the link shown once, only its hash kept), who
 * accepts (a password by the staff rules, TOTP) and logs in with a code; the owner invites the team, changes roles and
 * disables people; sessions end when idle, at their limit, at logout and when the user or the merchant is stopped; guesses
 * are locked out; roles are refused with 403 pages (and JSON), another merchant's ids are not found, forms without their
 * CSRF token or with garbage are 4xx pages that change nothing; and every step is on the audit trail under the user.
 */
abstract class MerchantUsersTests extends MerchantPageSupport {

    @Autowired
    JdbcClient jdbc;

    OnboardedMerchant shop;

    @BeforeEach
    void aMerchant() {
        shop = onboardMerchant("Tea House " + System.nanoTime(), "");
    }

    @Test
    void anOperatorInvitesTheFirstOwnerWhoAcceptsAndLogsInWithACode() {
        Person owner = new Person(newEmail("owner"));
        assertThat(operatorInvites(shop.id(), owner.email, "chef").status()).isEqualTo(400);
        assertThat(operatorInvites("mer_nobody", owner.email, "owner").status()).isEqualTo(404);
        assertThat(api.postJson("/v1/admin/merchants/" + shop.id() + "/users", "{\"email\":\"" + owner.email + "\",\"role\":\"owner\"}",
                "Authorization", shop.bearer()).status()).as("a merchant's key is no operator").isEqualTo(403);
        Api.Response invited = operatorInvites(shop.id(), owner.email.toUpperCase(java.util.Locale.ROOT), "owner");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().path("user").path("status").asString()).isEqualTo("invited");
        assertThat(invited.json().path("user").path("email").asString()).isEqualTo(owner.email);
        String link = invited.json().path("invitation_url").asString();
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(token).startsWith("mit_").hasSizeGreaterThan(40);
        owner.id = invited.json().path("user").path("id").asString();
        assertThat(owner.id).startsWith("musr_");
        // only a hash of the token is kept, and the list never shows it
        assertThat(jdbc.sql("select count(*) from merchant_user where invitation_hash = ?").param(token).query(Long.class).single()).isZero();
        Api.Response listed = api.get("/v1/admin/merchants/" + shop.id() + "/users", "Authorization", admin());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(owner.id).doesNotContain(token);

        // the invitation's page, a password the rules refuse, two that differ, then the secret
        page(owner.get("/merchant/invitation?token=" + token), 200);
        page(owner.get("/merchant/invitation?token=mit_guessed"), 404);
        Api.Response weak = owner.post("/merchant/invitation/password", "token=" + token + "&password=123456789012&password_again=123456789012");
        page(weak, 400);
        assertThat(weak.body()).contains("id=\"form-error\"").contains("aria-invalid=\"true\"");
        page(owner.post("/merchant/invitation/password", "token=" + token + "&password=" + enc(PASSWORD) + "&password_again=other"), 400);
        Api.Response enrol = owner.post("/merchant/invitation/password", "token=" + token + "&password=" + enc(PASSWORD)
                + "&password_again=" + enc(PASSWORD));
        page(enrol, 200);
        assertThat(enrol.body()).contains("data:image/png;base64,").contains("id=\"totp-secret\"");
        assertThat(enrol.header("Cache-Control")).contains("no-store");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(enrol.body());
        assertThat(m.find()).isTrue();
        owner.secret = m.group(1).replace(" ", "");
        // before TOTP is on, the password alone opens nothing
        Api.Response early = owner.post("/merchant/login", "email=" + enc(owner.email) + "&password=" + enc(PASSWORD) + "&otp=000000");
        page(early, 401);
        // a wrong code keeps the same secret on the page; the right one finishes
        Api.Response wrong = owner.post("/merchant/invitation/totp", "token=" + token + "&otp=000000");
        page(wrong, 400);
        assertThat(wrong.body()).contains(m.group(1));
        Api.Response done = owner.post("/merchant/invitation/totp", "token=" + token + "&otp=" + TestOperators.code(owner.secret, clock.instant()));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        page(owner.get("/merchant/invitation?token=" + token), 404);

        // login: no code, a wrong code, a wrong password, then the right three
        page(owner.post("/merchant/login", "email=" + enc(owner.email) + "&password=" + enc(PASSWORD) + "&otp="), 401);
        page(owner.post("/merchant/login", "email=" + enc(owner.email) + "&password=" + enc(PASSWORD) + "&otp=123456"), 401);
        Api.Response wrongPassword = owner.post("/merchant/login", "email=" + enc(owner.email) + "&password=wrong-password-1&otp="
                + TestOperators.code(owner.secret, clock.instant()));
        page(wrongPassword, 401);
        assertThat(owner.session).isNull();
        Api.Response in = owner.login();
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("huitong_merchant=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/merchant").contains("Max-Age=");
        Api.Response home = owner.get("/merchant");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).endsWith("/merchant/overview");
        Api.Response team = owner.get("/merchant/team");
        page(team, 200);
        assertThat(team.body()).contains(owner.email).contains("href=\"/merchant/developers\"").contains("href=\"/merchant/team\"");

        // on the audit trail under the user: the acceptance, the failures and the login
        List<String> actions = new ArrayList<>();
        for (JsonNode e : audit(owner.id)) {
            actions.add(e.path("action").asString() + " " + e.path("detail").path("outcome").asString());
            assertThat(e.path("detail").path("merchant").asString()).isEqualTo(shop.id());
        }
        assertThat(actions).contains("merchant_user.invitation_accepted succeeded", "merchant_user.invitation_accepted invalid_otp",
                "merchant_user.login succeeded", "merchant_user.login invalid_otp", "merchant_user.login mfa_required",
                "merchant_user.login invalid_credentials");
        assertThat(audit(owner.id).toString()).doesNotContain(PASSWORD).doesNotContain(token);
    }

    @Test
    void anOwnerInvitesTheTeamChangesRolesAndDisablesPeople() {
        Person owner = member(shop.id(), "owner");
        Person support = new Person(newEmail("support"));
        Api.Response invited = owner.post("/merchant/team/invite", "email=" + enc(support.email) + "&role=support");
        page(invited, 200);
        assertThat(invited.header("Cache-Control")).contains("no-store");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"invitation-link\" type=\"text\" readonly value=\"([^\"]+)\"")
                .matcher(invited.body());
        assertThat(link.find()).as(invited.body()).isTrue();
        support.accept(link.group(1).replace("&amp;", "&"));
        assertThat(support.login().status()).isEqualTo(302);
        JsonNode users = api.get("/v1/admin/merchants/" + shop.id() + "/users", "Authorization", admin()).json();
        String supportId = null;
        for (JsonNode u : users) {
            if (u.path("email").asString().equals(support.email)) {
                supportId = u.path("id").asString();
                assertThat(u.path("invited_by").asString()).isEqualTo(owner.id);
                assertThat(u.path("status").asString()).isEqualTo("active");
            }
        }
        support.id = supportId;
        // inviting someone on the team already, or another merchant's staff, is refused on the form
        page(owner.post("/merchant/team/invite", "email=" + enc(support.email) + "&role=finance"), 409);
        OnboardedMerchant other = onboardMerchant("Other Shop " + System.nanoTime(), "");
        Person stranger = member(other.id(), "owner");
        page(owner.post("/merchant/team/invite", "email=" + enc(stranger.email) + "&role=finance"), 409);

        // the support user sees payments, not the team; an owner makes them finance
        Api.Response landing = support.get("/merchant");
        assertThat(landing.header("Location")).endsWith("/merchant/payments");
        page(support.get("/merchant/team"), 403);
        assertThat(owner.post("/merchant/team/" + supportId + "/role", "role=finance").status()).isEqualTo(302);
        assertThat(support.get("/merchant").header("Location")).as("the role counts from the next request").endsWith("/merchant/overview");

        // the last owner stays one, and nobody disables themselves
        page(owner.post("/merchant/team/" + owner.id + "/role", "role=support"), 409);
        page(owner.post("/merchant/team/" + owner.id + "/disable", ""), 409);
        // another merchant's user is not found here
        page(owner.post("/merchant/team/" + stranger.id + "/role", "role=support"), 404);
        page(owner.post("/merchant/team/" + stranger.id + "/disable", ""), 404);
        page(owner.post("/merchant/team/musr_nobody/disable", ""), 404);
        assertThat(api.get("/v1/admin/merchants/" + other.id() + "/users", "Authorization", admin()).body()).contains("\"active\"");

        // disabled: the session ends at once and the password opens nothing
        assertThat(owner.post("/merchant/team/" + supportId + "/disable", "").status()).isEqualTo(302);
        Api.Response ended = support.get("/merchant/payments");
        assertThat(ended.status()).isEqualTo(303);
        assertThat(ended.header("Location")).contains("/merchant/login");
        support.session = null;
        page(support.login(), 401);

        // every change is on the audit trail under the owner, with the merchant
        List<String> actions = new ArrayList<>();
        for (JsonNode e : audit(owner.id)) {
            actions.add(e.path("action").asString());
            assertThat(e.path("detail").path("merchant").asString()).isEqualTo(shop.id());
        }
        assertThat(actions).contains("POST /merchant/team/invite", "POST /merchant/team/{id}/role", "POST /merchant/team/{id}/disable");
        JsonNode disable = null;
        for (JsonNode e : audit(owner.id)) {
            if (e.path("action").asString().equals("POST /merchant/team/{id}/disable") && e.path("object_id").asString().equals(supportId)) {
                disable = e;
            }
        }
        assertThat(disable).as("the disabling names its user").isNotNull();
    }

    @Test
    void sessionsEndWhenIdleAtTheirLimitAndAtLogout() {
        Person owner = member(shop.id(), "owner");
        page(owner.get("/merchant/team"), 200);
        clock.advance(Duration.ofMinutes(31));
        Api.Response idle = owner.get("/merchant/team");
        assertThat(idle.status()).as("idle for longer than 30 minutes").isEqualTo(303);
        assertThat(idle.header("Location")).contains("/merchant/login");

        assertThat(owner.login().status()).isEqualTo(302);
        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            page(owner.get("/merchant/team"), 200);
        }
        clock.advance(Duration.ofMinutes(21));
        assertThat(owner.get("/merchant/team").status()).as("12 hours after the login, however busy").isEqualTo(303);

        assertThat(owner.login().status()).isEqualTo(302);
        String token = owner.session;
        Api.Response out = owner.post("/merchant/logout", "");
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("huitong_merchant=;"))).isTrue();
        owner.session = token;
        assertThat(owner.get("/merchant/team").status()).as("the server-side session ended, not only the cookie").isEqualTo(303);
        assertThat(audit(owner.id).toString()).contains("POST /merchant/logout");
    }

    @Test
    void guessingIsLockedAndAFrozenMerchantsUsersCannotLogIn() {
        Person owner = member(shop.id(), "owner");
        owner.session = null;
        for (int i = 0; i < 5; i++) {
            page(owner.post("/merchant/login", "email=" + enc(owner.email) + "&password=not-the-password-" + i + "&otp=000000"),
                    i < 4 ? 401 : 429);
        }
        Api.Response locked = owner.login();
        page(locked, 429);
        assertThat(owner.session).isNull();
        clock.advance(Duration.ofMinutes(16));
        assertThat(owner.login().status()).isEqualTo(302);

        jdbc.sql("update merchant set status = 'suspended' where id = ?").param(shop.id()).update();
        clock.advance(Duration.ofSeconds(10)); // the registry's memory of the merchant
        assertThat(owner.get("/merchant/team").status()).as("a live session ends with its merchant").isEqualTo(303);
        owner.session = null;
        Api.Response refused = owner.login();
        page(refused, 401);
        assertThat(refused.body()).contains("id=\"form-error\"");
        jdbc.sql("update merchant set status = 'active' where id = ?").param(shop.id()).update();
    }

    @Test
    void rolesAreRefusedOnTheServerWithA403() {
        Person developer = member(shop.id(), "developer");
        Person support = member(shop.id(), "support");
        Person finance = member(shop.id(), "finance");
        page(support.get("/merchant/developers"), 403);
        page(support.get("/merchant/team"), 403);
        page(developer.get("/merchant/team"), 403);
        page(finance.get("/merchant/team"), 403);
        page(finance.get("/merchant/developers"), 403);
        Api.Response nav = support.get("/merchant/denied");
        assertThat(nav.body()).as("the navigation shows what the role may open").doesNotContain("href=\"/merchant/developers\"")
                .doesNotContain("href=\"/merchant/team\"");
        Person outsider = new Person(newEmail("outsider"));
        page(support.post("/merchant/team/invite", "email=" + enc(outsider.email) + "&role=owner"), 403);
        page(developer.post("/merchant/team/settings", "support_refund_limit=99999"), 403);
        assertThat(api.get("/v1/admin/merchants/" + shop.id() + "/users", "Authorization", admin()).body()).doesNotContain(outsider.email);
        // the dashboard is no part of the API's description; the operator's invitation is
        JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        assertThat(paths.propertyNames()).noneMatch(p -> p.startsWith("/merchant")).contains("/v1/admin/merchants/{id}/users");
        // without a session: the login page
        Api.Response anonymous = api.get("/merchant/team");
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(anonymous.header("Location")).contains("/merchant/login");
    }

    @Test
    void formsWithoutTheirCsrfTokenOrWithGarbageAre4xxPagesAndChangeNothing() {
        Person owner = member(shop.id(), "owner");
        String email = newEmail("invitee");
        page(owner.postWithoutCsrf("/merchant/team/invite", "email=" + enc(email) + "&role=support"), 403);
        page(api.postForm("/merchant/team/invite", "email=" + enc(email) + "&role=support&_csrf=forged", "Cookie", owner.cookies()), 403);
        page(owner.postWithoutCsrf("/merchant/logout", ""), 403);
        page(owner.get("/merchant/team"), 200);

        page(owner.post("/merchant/team/invite", "email=" + enc(email) + "&role=chef"), 400);
        page(owner.post("/merchant/team/invite", "email=not-an-email&role=support"), 400);
        page(owner.post("/merchant/team/invite", "role=support"), 400);
        page(owner.post("/merchant/team/invite", "email=" + enc(email) + "%00&role=support"), 400);
        page(owner.post("/merchant/team/invite", "email=%ED%A0%80&role=support"), 400);
        assertThat(owner.post("/merchant/team/invite", "email=%&role=support").status()).isBetween(400, 499);
        for (String limit : new String[] {"abc", "-5", "1e99", "99999999999999999999", "12.345"}) {
            page(owner.post("/merchant/team/settings", "support_refund_limit=" + enc(limit)), 400);
        }
        page(owner.post("/merchant/team/" + owner.id + "/role", "role="), 400);
        page(owner.post("/merchant/login", "email=" + "x".repeat(300) + "&password=a&otp=1"), 400);
        assertThat(api.get("/v1/admin/merchants/" + shop.id() + "/users", "Authorization", admin()).body()).doesNotContain(email);
        Api.Response team = owner.get("/merchant/team");
        assertThat(team.body()).contains("value=\"500.00\"");
        // forged or foreign cookies are nobody
        for (String cookie : new String[] {"huitong_merchant=" + ADMIN_KEY, "huitong_merchant=mst_forged", "huitong_merchant=%00",
                "huitong_merchant=" + "x".repeat(4000)}) {
            assertThat(api.get("/merchant/team", "Cookie", cookie).status()).as(cookie).isEqualTo(303);
        }
        // nothing of it was recorded as a change
        for (JsonNode e : audit(owner.id)) {
            assertThat(e.path("action").asString()).isNotEqualTo("POST /merchant/team/invite");
        }
        // the limit changes with a well-formed amount
        assertThat(owner.post("/merchant/team/settings", "support_refund_limit=120.50").status()).isEqualTo(302);
        assertThat(owner.get("/merchant/team").body()).contains("value=\"120.50\"");
    }
}
