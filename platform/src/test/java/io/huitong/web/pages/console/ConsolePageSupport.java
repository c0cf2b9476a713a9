package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform for the console's tests: operators made through the operator API (with TOTP, as a person would), and a small
 * browser-like client of the console's pages that keeps its cookies (the session's and the CSRF token's) and posts forms with
 * the page's CSRF field.
 */
abstract class ConsolePageSupport extends ApiTestSupport {

    @Autowired
    MutableClock clock;

    TestOperators operators;

    @Autowired
    JdbcClient jdbc;

    /**
     * Every test logs in from the same address: the login guard forgets earlier tests' failures. (Moving the clock past the
     * guard's window instead would set the platform's clock hours ahead of the real one the channel simulators keep.)
     */
    @BeforeEach
    void forgetEarlierFailures() {
        jdbc.sql("delete from login_guard").update();
        operators = new TestOperators(api, clock);
    }

    /** The current TOTP code of an operator, after moving the clock past the step of the code used last. */
    String nextCode(TestOperators.LoggedIn operator) {
        clock.advance(Duration.ofSeconds(30));
        return TestOperators.code(operator.totpSecret(), clock.instant());
    }

    /** A console client logged in as this operator through the console's login page. */
    Console console(TestOperators.LoggedIn operator) {
        Console console = new Console();
        Api.Response in = console.login(operator.email(), TestOperators.PASSWORD, nextCode(operator));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.header("Location")).endsWith("/console");
        assertThat(console.session).as("the session cookie").startsWith("ost_");
        return console;
    }

    static String form(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    static void page(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("the console's page, not the API's JSON").startsWith("text/html");
        assertThat(r.body()).contains("<main");
    }

    /** The console as one browser sees it: its cookies, and the CSRF field of the last page it opened. */
    final class Console {

        String session;
        String enrolment;
        String csrfCookie;
        String csrfField;

        String cookies() {
            List<String> cookies = new ArrayList<>();
            if (session != null) {
                cookies.add(ConsoleSessions.COOKIE + "=" + session);
            }
            if (enrolment != null) {
                cookies.add(ConsoleSessions.ENROLMENT_COOKIE + "=" + enrolment);
            }
            if (csrfCookie != null) {
                cookies.add("huitong_csrf=" + csrfCookie);
            }
            return String.join("; ", cookies);
        }

        Api.Response get(String path) {
            HttpRequest.Builder request = api.request(path).GET();
            if (!cookies().isEmpty()) {
                request.header("Cookie", cookies());
            }
            return keep(api.send(request.build()));
        }

        /** Posts a form with the CSRF field of the last page opened (opening {@code from} first when there is none). */
        Api.Response post(String path, String body) {
            if (csrfField == null) {
                get("/console/login");
            }
            return postRaw(path, body + (body.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrfField, StandardCharsets.UTF_8));
        }

        /** Posts exactly this body, with the console's cookies. */
        Api.Response postRaw(String path, String body) {
            HttpRequest.Builder request = api.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (!cookies().isEmpty()) {
                request.header("Cookie", cookies());
            }
            return keep(api.send(request.build()));
        }

        Api.Response login(String email, String password, String otp) {
            get("/console/login");
            return post("/console/login", form("email", email, "password", password, "otp", otp == null ? "" : otp));
        }

        private Api.Response keep(Api.Response r) {
            for (String cookie : r.headers().allValues("Set-Cookie")) {
                String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
                boolean gone = cookie.contains("Max-Age=0");
                if (cookie.startsWith("huitong_csrf=")) {
                    csrfCookie = gone ? null : value;
                } else if (cookie.startsWith(ConsoleSessions.COOKIE + "=")) {
                    session = gone || value.isEmpty() ? null : value;
                } else if (cookie.startsWith(ConsoleSessions.ENROLMENT_COOKIE + "=")) {
                    enrolment = gone || value.isEmpty() ? null : value;
                }
            }
            Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(r.body() == null ? "" : r.body());
            if (field.find()) {
                csrfField = field.group(1);
            }
            return r;
        }
    }
}
