package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.Browser;
import io.huitong.testsupport.TestOperators;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real browser, on a 390 × 844 phone in Chinese and on a 1280 × 900 desktop in English: a risk analyst enrols
 * their authenticator at their first login and approves a payment held for review; a finance operator approves a payout another
 * operator's settlement run opened (which that operator cannot approve themselves) and resolves a reconciliation break; an
 * auditor reads the audit log and verifies the chain; a support operator finds that the pages their role forbids are refused,
 * as the API refuses them; an administrator follows a suspicious-pattern alert to its report and its consumer, and asks to
 * record that they saw the consumer face to face. axe-core finds no serious or critical violation on any page, and each page is kept as a screenshot.
 */
abstract class ConsoleBrowserTests extends ConsoleFixtures {

    @Autowired
    AmlMonitoring monitoring;

    static Browser open(int port, Browser.Size size) {
        Browser browser = size == Browser.Size.PHONE ? Browser.open(port, size, "zh-CN") : Browser.open(port, size, "en-US");
        if (size == Browser.Size.PHONE) {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        }
        return browser;
    }

    /** The page is accessible, speaks one language with no missing word, and is kept as a screenshot. */
    static void check(Browser browser, String name, Browser.Size size) {
        String shot = "console-" + name + "-" + size.name().toLowerCase(Locale.ROOT);
        browser.screenshot(shot);
        List<String> violations = browser.seriousAccessibilityViolations();
        System.out.printf("page %s: %d serious or critical axe violations%n", shot, violations.size());
        assertThat(violations).as("axe on %s", shot).isEmpty();
        assertThat(browser.driver().getPageSource()).as(shot).doesNotContain("??console.").doesNotContain("??");
    }

    static void fill(Browser browser, String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    static void submit(Browser browser, String formAction) {
        browser.find("form[action='" + formAction + "'] button[type=submit]").click();
    }

    void logIn(Browser browser, TestOperators.LoggedIn operator) {
        browser.go("/console/login");
        fill(browser, "#email", operator.email());
        fill(browser, "#password", TestOperators.PASSWORD);
        fill(browser, "#otp", nextCode(operator));
        submit(browser, "/console/login");
        browser.awaitElement("#my-roles");
    }

    void logOut(Browser browser) {
        submit(browser, "/console/logout");
        browser.awaitElement("form[action='/console/login']");
    }

    /** A consumer who sent three round amounts (10,000.00 CNY each) a minute apart: their suspicious-pattern alert's id. */
    String roundAmountsAlert() {
        String phone = "+86135" + String.format("%08d", (int) (Math.random() * 100_000_000));
        Api.Response user = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"Plum-blossom 2026\",\"name\":\"Li Lei\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String consumer = user.json().path("id").asString();
        for (int i = 3; i > 0; i--) {
            monitoring.record(new NewAmlTransaction("test:" + java.util.UUID.randomUUID(), "test_transfer", consumer, "individual", "debit",
                    "counterparty-" + i, null, null, 1_000_000L, "CNY", false, false, clock.instant().minusSeconds(60L * i)));
        }
        JsonNode alerts = api.get("/v1/admin/aml/reports?type=suspicious&customer=" + consumer, "Authorization", admin()).json();
        assertThat(alerts.path("data")).as(alerts.toString()).hasSize(1);
        return alerts.path("data").get(0).path("id").asString();
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void anAnalystEnrolsAndApprovesAPaymentHeldForReview(Browser.Size size) {
        String payment = paymentInReview();
        String email = TestOperators.newEmail();
        Api.Response created = operators.create(email, "risk_analyst");
        if (created.status() == 202) {
            colleague.approve(created);
        }
        try (Browser browser = open(port, size)) {
            browser.go("/console/risk/reviews");
            assertThat(browser.driver().getCurrentUrl()).as("no session: the login page").endsWith("/console/login");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo(size == Browser.Size.PHONE ? "zh-CN" : "en");
            check(browser, "login", size);
            fill(browser, "#email", email);
            fill(browser, "#password", TestOperators.PASSWORD);
            submit(browser, "/console/login");

            // the first login sets up the authenticator app: the key is on the page, a code from it turns TOTP on
            String secret = browser.awaitElement("input[name=secret]").getAttribute("value");
            check(browser, "enrol", size);
            fill(browser, "#code", TestOperators.code(secret, clock.instant()));
            submit(browser, "/console/enrol");
            browser.awaitElement("#my-roles");
            assertThat(browser.find("#my-roles").getText()).isEqualTo("risk_analyst");
            assertThat(browser.driver().manage().getCookieNamed(ConsoleSessions.COOKIE).isHttpOnly()).isTrue();
            check(browser, "home", size);

            browser.go("/console/risk/reviews");
            check(browser, "reviews", size);
            String review = reviewOf(payment);
            browser.find("#review-" + review + " a").click();
            browser.awaitElement("#review-reasons");
            assertThat(browser.find("#review-reasons").getText()).contains("amount_limit_review");
            assertThat(browser.find("#review-score").getText()).isNotBlank();
            check(browser, "review", size);
            fill(browser, "#approve-note", "called the customer, it was them");
            browser.find("#approve").click();
            browser.await(d -> d.getCurrentUrl().contains("done=approved"));
            assertThat(browser.find("#review-status").getAttribute("class")).contains("status-approved");
            assertThat(browser.find("#review-actions").getText()).contains("called the customer");

            JsonNode paid = await(() -> api.get("/v1/admin/risk/reviews/" + reviewOf2(payment), "Authorization", admin()).json(),
                    x -> x.path("review").path("status").asString().equals("approved"));
            assertThat(paid.path("review").path("status").asString()).isEqualTo("approved");
            String trail = api.get("/v1/admin/audit?object=" + reviewOf2(payment), "Authorization", admin()).body();
            assertThat(trail).as("the approval is on the audit chain, by the analyst").contains("POST /console/risk/reviews/{id}/approve")
                    .contains("\"via\":\"console\"");

            browser.go("/console/risk/rules");
            check(browser, "rules", size);
            browser.go("/console/risk/lists");
            check(browser, "lists", size);
            logOut(browser);
        }
    }

    /** The review case of a payment, whatever its status. */
    String reviewOf2(String payment) {
        for (JsonNode c : api.get("/v1/admin/risk/reviews?limit=100", "Authorization", admin()).json().path("data")) {
            if (c.path("reference").asString().equals(payment)) {
                return c.path("id").asString();
            }
        }
        throw new AssertionError("no review of " + payment);
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aFinanceOperatorApprovesAnotherOperatorsPayoutAndResolvesABreak(Browser.Size size) {
        TestOperators.LoggedIn requester = operators.createAndLogIn("finance");
        TestOperators.LoggedIn approver = operators.createAndLogIn("finance");
        String payout = payoutAwaitingApproval(requester);
        String breakId = amountMismatch();
        try (Browser browser = open(port, size)) {
            // the operator whose run opened the payout sees it waits for someone else
            logIn(browser, requester);
            browser.go("/console/payouts");
            assertThat(browser.find("#payout-" + payout).getText()).isNotBlank();
            assertThat(browser.findAll("#payout-" + payout + " button.approve-payout")).as("not one's own").isEmpty();
            logOut(browser);

            logIn(browser, approver);
            check(browser, "home-finance", size);
            browser.go("/console/payouts");
            check(browser, "payouts", size);
            fill(browser, "#payout-" + payout + " input[name=note]", "checked the merchant's account");
            browser.find("#payout-" + payout + " button.approve-payout").click();
            browser.await(d -> d.getCurrentUrl().contains("done=approved"));
            assertThat(browser.findAll("#payout-" + payout)).as("no longer waiting").isEmpty();
            JsonNode sent = await(() -> payout(payout), x -> !x.path("status").asString().equals("requires_approval"));
            assertThat(sent.path("status").asString()).isIn("pending", "in_transit", "paid");
            JsonNode approval = api.get("/v1/admin/approvals/" + sent.path("approval").asString(), "Authorization", admin()).json();
            assertThat(approval.path("approvals").get(0).path("operator").asString()).isEqualTo(approver.id());

            // the reconciliation: breaks by class and age, then the break resolved with a note
            browser.go("/console/reconciliations");
            check(browser, "reconciliations", size);
            browser.go("/console/reconciliations/" + reconciliationBreak(breakId).path("reconciliation").asString());
            assertThat(browser.find("#breaks-by-class").getText()).isNotBlank();
            check(browser, "reconciliation", size);
            browser.go("/console/reconciliation-breaks/" + breakId);
            check(browser, "break", size);
            browser.find("#action-adjust").click();
            fill(browser, "#break-note", "acquirer short-paid");
            browser.find("#resolve").click();
            browser.await(d -> d.getCurrentUrl().contains("done=resolved"));
            assertThat(browser.find("#break-status").getAttribute("class")).contains("status-resolved");
            JsonNode resolved = reconciliationBreak(breakId);
            assertThat(resolved.path("resolution").asString()).isEqualTo("adjust");
            assertThat(resolved.path("resolved_by").asString()).isEqualTo(approver.id());
            assertThat(resolved.path("note").asString()).isEqualTo("acquirer short-paid");
            assertThat(resolved.path("correction").asString()).isNotBlank();

            // a settlement run started on the page, followed live
            browser.go("/console/settlement-runs");
            check(browser, "runs", size);
            fill(browser, "#merchant", "mer_nobody");
            submit(browser, "/console/settlement-runs");
            assertThat(browser.awaitElement("#error-message").getText()).isNotBlank();
            browser.go("/console/settlement-runs");
            submit(browser, "/console/settlement-runs");
            browser.awaitElement("#run-progress");
            browser.await(d -> d.findElement(org.openqa.selenium.By.id("run-status")).getAttribute("class").contains("status-completed"));
            check(browser, "run", size);
            if (size == Browser.Size.DESKTOP) {
                browser.go("/console/payouts");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void anAuditorVerifiesTheChain(Browser.Size size) {
        TestOperators.LoggedIn auditor = operators.createAndLogIn("auditor");
        try (Browser browser = open(port, size)) {
            logIn(browser, auditor);
            browser.go("/console/audit");
            check(browser, "audit", size);
            fill(browser, "#actor", auditor.id());
            submit(browser, "/console/audit");
            browser.await(d -> d.getCurrentUrl().contains("actor="));
            assertThat(browser.find("#audit-entries").getText()).contains("operator.login");
            browser.find("#verify-chain").click();
            assertThat(browser.awaitElement("#chain-verdict").getAttribute("class")).contains("ok");
            Matcher entries = Pattern.compile("[0-9]+").matcher(browser.find("#chain-entries").getText());
            assertThat(entries.find()).isTrue();
            assertThat(Long.parseLong(entries.group())).isPositive();
            check(browser, "verify", size);
            browser.go("/console/approvals");
            check(browser, "approvals", size);
            assertThat(browser.findAll("#approve")).as("auditors only read").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aSupportOperatorIsRefusedWhatTheirRoleForbids(Browser.Size size) {
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        try (Browser browser = open(port, size)) {
            logIn(browser, support);
            assertThat(browser.findAll("a[href='/console/risk/reviews']")).as("not in the menu").isEmpty();
            assertThat(browser.findAll("a[href='/console/audit']")).isEmpty();
            browser.go("/console/risk/reviews");
            assertThat(browser.awaitElement("#error-message").getText()).isNotBlank();
            check(browser, "forbidden", size);
            browser.go("/console/audit/verify");
            assertThat(browser.awaitElement("#error-message").getText()).isNotBlank();
            assertThat(api.get("/v1/admin/risk/reviews", "Authorization", support.bearer()).status()).isEqualTo(403);
            assertThat(api.get("/v1/admin/audit/verify", "Authorization", support.bearer()).status()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void anAdministratorLooksAtMerchantsChannelsAmlConsumersAndTheSystem(Browser.Size size) {
        TestOperators.LoggedIn admin = operators.createAndLogIn("admin");
        OnboardedMerchant shop = onboardMerchant("Lotus Shop " + java.util.UUID.randomUUID().toString().substring(0, 6), "");
        String alert = roundAmountsAlert();
        try (Browser browser = open(port, size)) {
            logIn(browser, admin);
            browser.go("/console/merchants");
            check(browser, "merchants", size);
            browser.go("/console/merchants/" + shop.id());
            check(browser, "merchant", size);
            browser.go("/console/channels");
            assertThat(browser.find("#channel-acq_a").getText()).contains("acq_a");
            check(browser, "channels", size);
            browser.go("/console/aml");
            check(browser, "aml", size);
            browser.find("#alerts-link").click();
            browser.awaitElement("#alert-" + alert);
            check(browser, "aml-alerts", size);
            browser.find("#alert-" + alert + " a.report").click();
            browser.awaitElement("#aml-transactions");
            assertThat(browser.find("#aml-report").getText()).contains(alert).contains("round_amounts");
            check(browser, "aml-report", size);
            browser.find("#report-customer").click();
            browser.awaitElement("#face-to-face");
            check(browser, "consumer", size);
            fill(browser, "#f2f-name", "韩梅梅");
            fill(browser, "#f2f-id", io.huitong.testsupport.ResidentIds.next());
            browser.find("#face-to-face button[type=submit]").click();
            browser.await(d -> d.getCurrentUrl().contains("done=requested"));
            assertThat(browser.driver().getPageSource()).contains("user.verification.face_to_face");
            browser.go("/console/consumers");
            check(browser, "consumers", size);
            browser.go("/console/system");
            assertThat(browser.find("#books").getAttribute("class")).isEqualTo("ok");
            check(browser, "system", size);
            browser.go("/console/risk/rules");
            check(browser, "rules-admin", size);
        }
    }
}
