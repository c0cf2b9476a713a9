package io.huitong.web.pages.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.Browser;
import io.huitong.web.consumers.ConsumerTestSupport;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;

/**
 * Logging in to the wallet in a real browser, at phone and desktop sizes: a passkey registered through the browser's
 * WebAuthn (a virtual authenticator) and then used alone to log in; two-step login set up with the authenticator app's QR
 * code, and then asked for at login.
 */
abstract class WalletSignInBrowserTests extends WalletPageSupport {

    private void logIn(Browser browser, Consumer c) {
        browser.go("/wallet/login");
        WalletBrowserTests.fill(browser, "#phone", c.phone().substring(3));
        WalletBrowserTests.fill(browser, "#password", PASSWORD);
        WalletBrowserTests.submit(browser, "/wallet/login");
        browser.awaitElement(".balance");
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aPayerRegistersAPasskeyAndLogsInWithItAlone(Browser.Size size) {
        Consumer c = apiConsumer();
        try (Browser browser = WalletBrowserTests.open(port, size)) {
            browser.addVirtualAuthenticator();
            logIn(browser, c);
            browser.go("/wallet/security");
            WebElement add = browser.awaitElement("#passkey-register-button");
            browser.await(d -> add.isDisplayed());
            WalletBrowserTests.fill(browser, "#passkey-name", "Test phone");
            add.click();
            browser.await(d -> d.findElements(org.openqa.selenium.By.cssSelector(".passkeys li")).size() == 1);
            assertThat(browser.find(".passkeys li").getText()).contains("Test phone");
            WalletBrowserTests.check(browser, "passkeys", size);

            // someone else's session cannot delete it
            Api.Response mine = api.get("/v1/users/me/passkeys", "Authorization", c.bearer());
            String passkey = mine.json().path("data").path(0).path("id").asString();
            Consumer other = apiConsumer();
            Csrf csrf = csrf("/wallet/security", other.token());
            Api.Response stolen = api.postForm("/wallet/passkeys/" + passkey + "/delete", "_csrf=" + csrf.field(),
                    "Cookie", "huitong_wallet=" + other.token() + "; huitong_csrf=" + csrf.cookie());
            assertThat(stolen.status()).as(stolen.body()).isEqualTo(404);
            assertThat(stolen.header("Content-Type")).startsWith("text/html");
            assertThat(api.get("/v1/users/me/passkeys", "Authorization", c.bearer()).json().path("data")).hasSize(1);

            WalletBrowserTests.submit(browser, "/wallet/logout");
            WebElement withPasskey = browser.awaitElement("#passkey-login-button");
            browser.await(d -> withPasskey.isDisplayed());
            WalletBrowserTests.check(browser, "login-passkey", size);
            withPasskey.click();
            browser.awaitElement(".balance");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/wallet");
            String token = browser.driver().manage().getCookieNamed(WalletSessions.COOKIE).getValue();
            assertThat(api.get("/v1/users/me", "Authorization", "Bearer " + token).json().path("id").asString()).isEqualTo(c.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aPayerTurnsTwoStepLoginOnAndThenLogsInWithACode(Browser.Size size) {
        Consumer c = apiConsumer();
        try (Browser browser = WalletBrowserTests.open(port, size)) {
            logIn(browser, c);
            browser.go("/wallet/security");
            WalletBrowserTests.submit(browser, "/wallet/two-factor");
            String secret = browser.awaitElement("#totp-secret").getText();
            assertThat(browser.find("#two-factor img.qr").getAttribute("src")).startsWith("data:image/png;base64,");
            WalletBrowserTests.check(browser, "two-factor", size);
            WalletBrowserTests.fill(browser, "#totp-code", "000000");
            WalletBrowserTests.submit(browser, "/wallet/two-factor/confirm");
            assertThat(browser.awaitElement("#form-error").getText()).isNotBlank();
            WalletBrowserTests.fill(browser, "#totp-code", ConsumerTestSupport.code(secret, clock.instant()));
            WalletBrowserTests.submit(browser, "/wallet/two-factor/confirm");
            List<WebElement> codes = browser.await(d -> {
                List<WebElement> found = d.findElements(org.openqa.selenium.By.cssSelector("#recovery-codes li"));
                return found.isEmpty() ? null : found;
            });
            assertThat(codes).hasSize(10);
            String recovery = codes.getFirst().getText();
            WalletBrowserTests.check(browser, "recovery-codes", size);

            browser.go("/wallet");
            WalletBrowserTests.submit(browser, "/wallet/logout");
            browser.awaitElement("#login-form");
            WalletBrowserTests.fill(browser, "#phone", c.phone().substring(3));
            WalletBrowserTests.fill(browser, "#password", PASSWORD);
            WalletBrowserTests.submit(browser, "/wallet/login");
            browser.awaitElement("#otp");
            assertThat(browser.find("#form-error").getText()).isNotBlank();
            WalletBrowserTests.check(browser, "login-code", size);
            // by keyboard alone: the code field, then Enter submits the form
            WalletBrowserTests.fill(browser, "#password", PASSWORD);
            browser.find("#otp").sendKeys(recovery, org.openqa.selenium.Keys.ENTER);
            browser.awaitElement(".balance");
        }
    }
}
