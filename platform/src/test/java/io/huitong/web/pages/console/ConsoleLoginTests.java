package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Getting into the console: email, password and the current one-time code; a wrong code, a reused one, no code; an operator's
 * first login enrols TOTP on the page; a session that expired or was ended opens nothing; logging out ends the session on the
 * server (the API refuses its token too); a form without its CSRF token is refused and changes nothing. Each login and logout is
 * on the audit chain.
 */
abstract class ConsoleLoginTests extends ConsolePageSupport {

    @Test
    void anOperatorLogsInWithTheirCodeAndOutAgain() {
        TestOperators.LoggedIn analyst = operators.createAndLogIn("risk_analyst");
        Console console = new Console();
        Api.Response start = console.get("/console");
        assertThat(start.status()).isEqualTo(303);
        assertThat(start.header("Location")).endsWith("/console/login");
        page(console.get("/console/login"), 200);

        Api.Response in = console.login(analyst.email(), TestOperators.PASSWORD, nextCode(analyst));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(ConsoleSessions.COOKIE + "=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console").contains("Max-Age=28");
        Api.Response home = console.get("/console");
        page(home, 200);
        assertThat(home.body()).contains("risk_analyst").contains("href=\"/console/risk/reviews\"")
                .as("the menu holds only what the role opens").doesNotContain("href=\"/console/audit\"");
        assertThat(api.get("/v1/admin/risk/reviews", "Authorization", Api.bearer(console.session)).status())
                .as("the console's session is the operator API's").isEqualTo(200);

        Api.Response out = console.post("/console/logout", "");
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).contains("/console/login");
        String ended = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(ConsoleSessions.COOKIE + "=")).findFirst()
                .map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).orElseThrow();
        assertThat(console.session).as("the browser forgot it").isNull();
        assertThat(api.get("/v1/admin/risk/reviews", "Authorization", Api.bearer(ended)).status()).as("ended on the server").isEqualTo(401);
        console.session = ended;
        assertThat(console.get("/console").status()).as("a logged-out session opens nothing").isEqualTo(303);

        String trail = api.get("/v1/admin/audit?actor=" + analyst.id(), "Authorization", admin()).body();
        assertThat(trail).contains("operator.login").contains("operator.logout").contains("\"via\":\"console\"");
    }

    @Test
    void thePageLinksItsScriptByTheWebJarsVersion() {
        Api.Response login = new Console().get("/console/login");
        page(login, 200);
        assertThat(login.body()).as("a new version of the script is a new address, so no browser keeps the old one")
                .containsPattern("src=\"/webjars/htmx\\.org/\\d+\\.\\d+\\.\\d+/dist/htmx\\.min\\.js\"");
    }

    @Test
    void aWrongOrReusedCodeOrNoneIsRefusedOnTheLoginPage() {
        TestOperators.LoggedIn finance = operators.createAndLogIn("finance");
        Console console = new Console();
        Api.Response wrong = console.login(finance.email(), TestOperators.PASSWORD, "000000".equals(nextCode(finance)) ? "111111" : "000000");
        page(wrong, 401);
        assertThat(wrong.body()).contains("id=\"form-error\"").contains("aria-invalid=\"true\"");
        assertThat(console.session).isNull();

        Api.Response none = console.login(finance.email(), TestOperators.PASSWORD, "");
        page(none, 401);
        assertThat(console.session).isNull();

        Api.Response badPassword = console.login(finance.email(), "not the password", nextCode(finance));
        page(badPassword, 401);
        assertThat(console.session).isNull();

        String code = nextCode(finance);
        assertThat(console.login(finance.email(), TestOperators.PASSWORD, code).status()).isEqualTo(302);
        Console other = new Console();
        page(other.login(finance.email(), TestOperators.PASSWORD, code), 401);
        assertThat(other.session).as("a code is used once").isNull();

        assertThat(api.get("/v1/admin/audit?actor=anonymous", "Authorization", admin()).body()).contains("invalid_otp");
    }

    @Test
    void anOperatorsFirstLoginEnrolsTheirAuthenticatorOnThePage() {
        String email = TestOperators.newEmail();
        Api.Response created = operators.create(email, "auditor");
        if (created.status() == 202) {
            colleague.approve(created); // a security administrator exists on this platform: the grant waits for one
        }
        Console console = new Console();
        Api.Response first = console.login(email, TestOperators.PASSWORD, "");
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.header("Location")).endsWith("/console/enrol");
        assertThat(console.enrolment).startsWith("oet_");
        Api.Response enrol = console.get("/console/enrol");
        page(enrol, 200);
        Matcher secret = Pattern.compile("name=\"secret\" value=\"([A-Z2-7]+)\"").matcher(enrol.body());
        assertThat(secret.find()).isTrue();
        assertThat(enrol.body()).contains("src=\"data:image/png;base64,");

        Api.Response wrong = console.post("/console/enrol", form("code", "12345", "secret", secret.group(1), "otpauth_uri",
                "otpauth://totp/x?secret=" + secret.group(1)));
        page(wrong, 401);
        assertThat(wrong.body()).as("the same key again").contains(secret.group(1));

        Api.Response done = console.post("/console/enrol", form("code", TestOperators.code(secret.group(1), clock.instant())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(console.session).startsWith("ost_");
        assertThat(console.enrolment).isNull();
        assertThat(console.get("/console?done=enrolled").body()).contains("auditor");
    }

    @Test
    void anExpiredSessionOpensNothing() {
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        Console console = console(support);
        page(console.get("/console"), 200);
        clock.advance(Duration.ofHours(9));
        try {
            Api.Response expired = console.get("/console");
            assertThat(expired.status()).isEqualTo(303);
            assertThat(expired.header("Location")).endsWith("/console/login");
            Api.Response htmx = api.send(api.request("/console/risk/reviews").header("Cookie", console.cookies()).header("HX-Request", "true")
                    .GET().build());
            assertThat(htmx.status()).isEqualTo(401);
            assertThat(htmx.header("HX-Redirect")).isEqualTo("/console/login");
        } finally {
            clock.advance(Duration.ofMinutes(1));
        }
        for (String forged : new String[] {ADMIN_KEY, "ost_forged", "%00", "x".repeat(4000)}) {
            Api.Response r = api.get("/console", "Cookie", ConsoleSessions.COOKIE + "=" + forged);
            assertThat(r.status()).as(forged).isEqualTo(303);
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        Console console = console(support);
        Api.Response noToken = console.postRaw("/console/logout", "");
        page(noToken, 403);
        assertThat(noToken.body()).contains("id=\"error-message\"");
        Api.Response wrongToken = console.postRaw("/console/logout", "_csrf=AAAA");
        page(wrongToken, 403);
        assertThat(api.get("/v1/admin/channels", "Authorization", Api.bearer(console.session)).status())
                .as("still logged in: nothing happened").isEqualTo(200);
    }

    @Test
    void theConsoleIsNoPartOfTheApiDescription() {
        tools.jackson.databind.JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        assertThat(paths.propertyNames()).isNotEmpty().noneMatch(p -> p.startsWith("/console"));
    }
}
