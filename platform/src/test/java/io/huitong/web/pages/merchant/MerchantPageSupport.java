package io.huitong.web.pages.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The platform for the dashboard's tests, and its people: a merchant's staff invited through the operator API (or by an
 * owner's team page), who accept their invitation (a password, then TOTP with codes computed from the secret the page
 * shows, at the platform's mutable clock) and log in as a browser would, with the dashboard's cookie and the pages' CSRF
 * pair.
 */
abstract class MerchantPageSupport extends ApiTestSupport {

    static final String PASSWORD = "Osmanthus-wine 2026";
    private static final AtomicLong EMAILS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");

    @Autowired
    MutableClock clock;

    /** Every test logs in from the same address: earlier tests' failures must have aged out of the guard's window. */
    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    static String newEmail(String who) {
        return who + EMAILS.incrementAndGet() + "@staff.example";
    }

    /** A page's CSRF pair: the cookie the platform set and a form field's value on the page. */
    record Csrf(String cookie, String field) {
    }

    /** A person with a browser: the dashboard's session cookie (once logged in) and the pages' CSRF pair. */
    final class Person {
        final String email;
        String id;
        String secret;
        String session;
        Csrf csrf;

        Person(String email) {
            this.email = email;
        }

        String cookies() {
            StringBuilder c = new StringBuilder();
            if (session != null) {
                c.append("huitong_merchant=").append(session);
            }
            if (csrf != null) {
                c.append(c.isEmpty() ? "" : "; ").append("huitong_csrf=").append(csrf.cookie());
            }
            return c.toString();
        }

        Api.Response get(String path) {
            String cookies = cookies();
            Api.Response r = cookies.isEmpty() ? api.get(path) : api.get(path, "Cookie", cookies);
            takeCsrf(r);
            return r;
        }

        /** Posts a form with the CSRF token, as the page's form would. */
        Api.Response post(String path, String form) {
            if (csrf == null) {
                get("/merchant/login");
            }
            return api.postForm(path, (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf.field()), "Cookie", cookies());
        }

        /** Posts a form without any CSRF token. */
        Api.Response postWithoutCsrf(String path, String form) {
            return api.postForm(path, form, "Cookie", session == null ? "" : "huitong_merchant=" + session);
        }

        private void takeCsrf(Api.Response r) {
            String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("huitong_csrf="))
                    .map(c -> c.substring("huitong_csrf=".length(), c.indexOf(';'))).filter(c -> !c.isEmpty()).findFirst()
                    .orElse(csrf == null ? null : csrf.cookie());
            Matcher field = CSRF_FIELD.matcher(r.body());
            if (cookie != null && field.find()) {
                csrf = new Csrf(cookie, field.group(1));
            }
        }

        /** Accepts the invitation behind the link: a password, the secret the page shows, a code from it. */
        void accept(String link) {
            String token = link.substring(link.indexOf("token=") + "token=".length());
            Api.Response page = get("/merchant/invitation?token=" + token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            Api.Response enrol = post("/merchant/invitation/password", "token=" + token + "&password=" + enc(PASSWORD)
                    + "&password_again=" + enc(PASSWORD));
            assertThat(enrol.status()).as(enrol.body()).isEqualTo(200);
            Matcher m = SECRET.matcher(enrol.body());
            assertThat(m.find()).as("the page shows the secret").isTrue();
            secret = m.group(1).replace(" ", "");
            Api.Response done = post("/merchant/invitation/totp", "token=" + token + "&otp=" + TestOperators.code(secret, clock.instant()));
            assertThat(done.status()).as(done.body()).isEqualTo(302);
            assertThat(done.header("Location")).contains("/merchant/login?done=accepted");
        }

        /** Logs in with the password and the current code, after moving the clock past the step of the code used last. */
        Api.Response login() {
            clock.advance(Duration.ofSeconds(30));
            Api.Response r = post("/merchant/login", "email=" + enc(email) + "&password=" + enc(PASSWORD) + "&otp="
                    + TestOperators.code(secret, clock.instant()));
            r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(MerchantSessions.COOKIE + "="))
                    .map(c -> c.substring(MerchantSessions.COOKIE.length() + 1, c.indexOf(';'))).findFirst()
                    .ifPresent(token -> session = token.isEmpty() ? null : token);
            return r;
        }
    }

    /** An operator's invitation to the merchant's dashboard: the answer of {@code POST /v1/admin/merchants/{id}/users}. */
    Api.Response operatorInvites(String merchantId, String email, String role) {
        return api.postJson("/v1/admin/merchants/" + merchantId + "/users", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}",
                "Authorization", admin());
    }

    /** A person invited by an operator with {@code role}, who accepted and logged in. */
    Person member(String merchantId, String role) {
        Person p = new Person(newEmail(role));
        Api.Response invited = operatorInvites(merchantId, p.email, role);
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        p.id = invited.json().path("user").path("id").asString();
        p.accept(invited.json().path("invitation_url").asString());
        Api.Response in = p.login();
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(p.session).isNotNull();
        return p;
    }

    /** The audit trail's entries of an actor, newest first. */
    JsonNode audit(String actor) {
        Api.Response r = api.get("/v1/admin/audit?limit=100&actor=" + enc(actor), "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A dashboard page, not the API's JSON, with this status. */
    static void page(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("the dashboard's page, not the API's JSON").startsWith("text/html");
        assertThat(r.body()).contains("<main").doesNotContain("??merchant.");
    }
}
