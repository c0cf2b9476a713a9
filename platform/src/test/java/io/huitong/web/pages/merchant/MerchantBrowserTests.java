package io.huitong.web.pages.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.Browser;
import io.huitong.testsupport.TestOperators;
import io.huitong.testsupport.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser, on a phone in Chinese and on a desktop in English: an owner accepts the invitation
 * (a password, an authenticator app from the QR code's secret), logs in with password and code, reads the overview and
 * its charts, finds a payment and refunds part of it, downloads a settlement's statement, rotates the API key and sends a
 * webhook delivery again, and invites a support user, who logs in and is refused the developers' page (403). axe-core
 * finds no serious or critical violation on any page, and each is kept as a screenshot.
 */
abstract class MerchantBrowserTests extends MerchantPageSupport {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static Browser open(int port, Browser.Size size) {
        return size == Browser.Size.PHONE ? Browser.open(port, size, "zh-CN") : Browser.open(port, size, "en-US");
    }

    /** The page is accessible and kept as a screenshot. */
    static void check(Browser browser, String name, Browser.Size size) {
        String shot = "merchant-" + name + "-" + size.name().toLowerCase(Locale.ROOT);
        browser.screenshot(shot);
        List<String> violations = browser.seriousAccessibilityViolations();
        System.out.printf("page %s: %d serious or critical axe violations%n", shot, violations.size());
        assertThat(violations).as("axe on %s", shot).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("??merchant.").doesNotContain("??pages.");
    }

    static void fill(Browser browser, String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    static void submit(Browser browser, String formAction) {
        browser.find("form[action='" + formAction + "'] button[type=submit]").click();
    }

    /** Submits a form that asks first (merchant.js, window.confirm), and says yes to its question. */
    static void submitConfirmed(Browser browser, String formAction) {
        browser.script("window.confirm = function () { return true; };"
                + "document.querySelector(\"form[action='\" + arguments[0] + \"']\").requestSubmit();", formAction);
    }

    /** What fetching the link's address in the page answers: its status, type and size, as a download of it would get. */
    static String fetched(Browser browser, String href) {
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b =>
                  done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength))).catch(e => done('failed ' + e));""", href);
        return String.valueOf(answer);
    }

    /** 09:00 in China on a Monday at least a week after the platform's now: a business day, and time only goes forward. */
    Instant nextMonday() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHINA).plusDays(7);
        while (day.getDayOfWeek() != DayOfWeek.MONDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(9, 0).atZone(CHINA).toInstant();
    }

    JsonNode pay(OnboardedMerchant m, long amount, String description) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"description\":\"" + description
                + "\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + MerchantPagesTests.card()
                + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void anOwnerRefundsDownloadsRotatesAndReplaysAndSupportIsRefusedDevelopers(Browser.Size size) throws Exception {
        // a day of business: payments in the morning, settled in the evening
        clock.setTo(nextMonday());
        OnboardedMerchant shop = onboardMerchant("Dumpling House " + size.name().toLowerCase(Locale.ROOT), "\"settlement_schedule\":\"T0\","
                + "\"fee_percent_bps\":200");
        pay(shop, 25_000, "morning-" + size);
        clock.setTo(clock.instant().plus(Duration.ofHours(11)));
        String day = LocalDate.ofInstant(clock.instant(), CHINA).toString();
        assertThat(api.postJson("/v1/admin/settlement_runs", "{\"business_date\":\"" + day + "\",\"merchant\":\"" + shop.id() + "\"}",
                "Authorization", admin()).status()).isEqualTo(202);
        for (int i = 0; i < 200 && api.get("/v1/settlements", "Authorization", shop.bearer()).json().path("data").isEmpty(); i++) {
            Thread.sleep(100);
        }
        String order = "order-" + size.name().toLowerCase(Locale.ROOT);
        JsonNode payment = pay(shop, 12_000, order);
        pay(shop, 6_600, "tea-" + size);
        Person owner = new Person(newEmail("owner"));
        Api.Response invited = operatorInvites(shop.id(), owner.email, "owner");
        assertThat(invited.status()).isEqualTo(201);

        try (Browser browser = open(port, size); WebhookReceiver receiver = WebhookReceiver.start()) {
            // the invitation: a password, then the authenticator app
            browser.go(invited.json().path("invitation_url").asString().replaceFirst("^https?://[^/]+", ""));
            assertThat(browser.find("#invited-as").getText()).contains(owner.email);
            check(browser, "invitation", size);
            fill(browser, "#password", PASSWORD);
            fill(browser, "#password_again", PASSWORD);
            submit(browser, "/merchant/invitation/password");
            owner.secret = browser.awaitElement("#totp-secret").getText().replace(" ", "");
            check(browser, "enrol", size);
            fill(browser, "#otp", TestOperators.code(owner.secret, clock.instant()));
            submit(browser, "/merchant/invitation/totp");

            // login with password and code
            browser.awaitElement("form[action='/merchant/login']");
            assertThat(browser.find(".ok").getText()).isNotBlank();
            check(browser, "login", size);
            fill(browser, "#password", PASSWORD);
            fill(browser, "#otp", "000000");
            submit(browser, "/merchant/login");
            assertThat(browser.awaitElement("#form-error").getText()).isNotBlank();
            assertThat(browser.find("#otp").getAttribute("aria-invalid")).isEqualTo("true");
            check(browser, "login-error", size);
            clock.advance(Duration.ofSeconds(30));
            fill(browser, "#email", owner.email);
            fill(browser, "#password", PASSWORD);
            fill(browser, "#otp", TestOperators.code(owner.secret, clock.instant()));
            submit(browser, "/merchant/login");
            try {
                browser.await(d -> d.getCurrentUrl().contains("/merchant/overview"));
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot("merchant-login-failed-" + size.name().toLowerCase(Locale.ROOT));
                throw new AssertionError(browser.driver().getCurrentUrl() + "\n" + browser.find("main").getText(), e);
            }
            assertThat(browser.driver().manage().getCookieNamed(MerchantSessions.COOKIE).isHttpOnly()).isTrue();

            // the overview, its charts drawn by ECharts
            browser.awaitElement("#currency-CNY");
            try {
                browser.await(d -> d.findElements(org.openqa.selenium.By.cssSelector("[data-chart][data-drawn='true']")).size() == 2);
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError(String.valueOf(browser.script("return typeof echarts + ' ' + Array.from(document.querySelectorAll('[data-chart]'))"
                        + ".map(e => e.getAttribute('data-drawn')).join(',')")), e);
            }
            check(browser, "overview", size);
            if (size == Browser.Size.DESKTOP) {
                Path docs = Path.of("..", "docs", "images");
                Files.createDirectories(docs);
                Files.copy(Browser.SCREENSHOTS.resolve("merchant-overview-desktop.png"), docs.resolve("merchant.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            browser.go("/merchant/overview?period=7d");
            browser.await(d -> d.findElements(org.openqa.selenium.By.cssSelector("[data-chart][data-drawn='true']")).size() == 2);
            check(browser, "overview-7d", size);

            // find the payment and refund part of it
            browser.go("/merchant/payments");
            check(browser, "payments", size);
            fill(browser, "#reference", order);
            browser.find("#payment-filters button[type=submit]").click();
            browser.await(d -> d.getCurrentUrl().contains("reference=" + order));
            assertThat(browser.findAll(".payment-row")).hasSize(1);
            browser.find(".payment-row a").click();
            browser.awaitElement("#refund-form");
            assertThat(browser.find("#payment-id").getText()).isEqualTo(payment.path("id").asString());
            check(browser, "payment", size);
            fill(browser, "#amount", "30.00");
            submitConfirmed(browser, "/merchant/payments/" + payment.path("id").asString() + "/refund");
            browser.await(d -> d.getCurrentUrl().contains("done=refunded"));
            assertThat(browser.find("#payment-refunded").getText()).contains("30.00");
            check(browser, "payment-refunded", size);
            assertThat(api.get("/v1/refunds?payment=" + payment.path("id").asString(), "Authorization", shop.bearer()).json().path("data"))
                    .hasSize(1);

            // a settlement's statement, downloaded as the browser would
            browser.go("/merchant/balance");
            check(browser, "balance", size);
            browser.go("/merchant/settlements");
            check(browser, "settlements", size);
            browser.find(".settlement-link").click();
            browser.awaitElement("#statement-csv");
            check(browser, "settlement", size);
            for (String format : new String[] {"csv", "xlsx", "pdf"}) {
                String answer = fetched(browser, browser.find("#statement-" + format).getAttribute("href"));
                assertThat(answer).as(format).startsWith("200 ");
            }
            assertThat(fetched(browser, browser.find("#statement-csv").getAttribute("href"))).contains("text/csv");
            browser.go("/merchant/payouts");
            check(browser, "payouts", size);

            // developers: a new key, shown once; an endpoint, a delivery sent again
            browser.go("/merchant/developers");
            check(browser, "developers", size);
            new Select(browser.find("#grace_hours")).selectByValue("24");
            submitConfirmed(browser, "/merchant/developers/keys/rotate");
            String newKey = browser.awaitElement("#new-key").getAttribute("value");
            assertThat(newKey).startsWith("sk_test_");
            assertThat(api.get("/v1/balance", "Authorization", Api.bearer(newKey)).status()).isEqualTo(200);
            assertThat(api.get("/v1/balance", "Authorization", shop.bearer()).status()).as("the old key's grace period").isEqualTo(200);
            check(browser, "key-rotated", size);
            receiver.answer(503);
            fill(browser, "#url", receiver.url());
            submit(browser, "/merchant/developers/webhooks");
            assertThat(browser.awaitElement("#new-secret").getAttribute("value")).startsWith("whsec_");
            pay(shop, 1_800, "hooked-" + size);
            receiver.await(1, Duration.ofSeconds(20));
            browser.go("/merchant/developers");
            browser.find(".endpoint-link").click();
            browser.await(d -> {
                d.navigate().refresh();
                return d.findElements(org.openqa.selenium.By.cssSelector(".delivery-row")).isEmpty() ? null : true;
            });
            check(browser, "webhook", size);
            browser.await(d -> {
                d.navigate().refresh();
                return d.getPageSource().contains("HTTP 503") ? true : null;
            });
            browser.find(".delivery-link").click();
            browser.awaitElement("#replay-form");
            assertThat(browser.find("#delivery-body").getText()).contains("payment.succeeded");
            check(browser, "delivery", size);
            browser.find("#replay-form button[type=submit]").click();
            browser.await(d -> d.getCurrentUrl().contains("done=replayed"));
            receiver.await(2, Duration.ofSeconds(20));
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());

            // the team: a support user, invited from the page
            browser.go("/merchant/team");
            check(browser, "team", size);
            String supportEmail = newEmail("support");
            fill(browser, "#invite-email", supportEmail);
            new Select(browser.find("#invite-role")).selectByValue("support");
            submit(browser, "/merchant/team/invite");
            String link = browser.awaitElement("#invitation-link").getAttribute("value");
            check(browser, "invited", size);
            browser.go("/merchant/coupons");
            check(browser, "coupons", size);
            submit(browser, "/merchant/logout");
            browser.awaitElement("form[action='/merchant/login']");

            Person support = new Person(supportEmail);
            support.accept(link);
            browser.go("/merchant/login");
            clock.advance(Duration.ofSeconds(30));
            fill(browser, "#email", supportEmail);
            fill(browser, "#password", PASSWORD);
            fill(browser, "#otp", TestOperators.code(support.secret, clock.instant()));
            submit(browser, "/merchant/login");
            browser.await(d -> d.getCurrentUrl().contains("/merchant/payments"));
            assertThat(browser.findAll("a[href='/merchant/developers']")).as("the navigation hides it").isEmpty();
            browser.go("/merchant/developers");
            assertThat(browser.awaitElement("#page-error").getText()).isNotBlank();
            assertThat(api.get("/merchant/developers", "Cookie", MerchantSessions.COOKIE + "="
                    + browser.driver().manage().getCookieNamed(MerchantSessions.COOKIE).getValue()).status()).isEqualTo(403);
            check(browser, "forbidden", size);
        }
    }
}
