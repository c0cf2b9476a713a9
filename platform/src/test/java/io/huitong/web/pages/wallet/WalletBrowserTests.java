package io.huitong.web.pages.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The wallet in a real browser, on a 360 px phone in Chinese and on a desktop in English: a payer signs up, verifies their
 * real name, tops up with a card, sends money by phone number, pays a merchant's QR code (uploaded as a picture, and
 * pasted), approves a computer's login QR code, shows a payment code a merchant charges, reads the history, reports the
 * wallet lost and unfreezes it. Every page weighs under 200 KB without images and axe-core finds no serious or critical
 * violation on it.
 */
abstract class WalletBrowserTests extends WalletPageSupport {

    static final long MAX_PAGE_BYTES = 200 * 1024;

    static Browser open(int port, Browser.Size size) {
        return size == Browser.Size.PHONE ? Browser.open(port, size, "zh-CN") : Browser.open(port, size, "en-US");
    }

    /** The page is light, accessible and kept as a screenshot. */
    static void check(Browser browser, String name, Browser.Size size) {
        String shot = "wallet-" + name + "-" + size.name().toLowerCase(java.util.Locale.ROOT);
        browser.screenshot(shot);
        long weight = browser.pageWeightWithoutImages();
        java.util.List<String> violations = browser.seriousAccessibilityViolations();
        System.out.printf("page %s: %d bytes without images, %d serious or critical axe violations%n", shot, weight, violations.size());
        assertThat(weight).as("%s weighs under 200 KB without images", shot).isLessThan(MAX_PAGE_BYTES);
        assertThat(violations).as("axe on %s", shot).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("??wallet.");
    }

    static void fill(Browser browser, String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    static void submit(Browser browser, String formAction) {
        browser.find("form[action='" + formAction + "'] button[type=submit]").click();
    }

    /** A large, uncompressed picture (BMP, some 6 MB) of a QR code, as a phone's camera would take. */
    static Path photo(String payload) throws IOException {
        try {
            com.google.zxing.common.BitMatrix matrix = new com.google.zxing.qrcode.QRCodeWriter().encode(payload,
                    com.google.zxing.BarcodeFormat.QR_CODE, 1400, 1400);
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1400, 1400, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 1400; y++) {
                for (int x = 0; x < 1400; x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x202020 : 0xF4F1EA);
                }
            }
            Path file = Files.createTempFile("merchant-qr", ".bmp");
            javax.imageio.ImageIO.write(image, "bmp", file.toFile());
            return file;
        } catch (com.google.zxing.WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aPayerSignsUpTopsUpSendsPaysShowsACodeAndReportsTheWalletLost(Browser.Size size) throws IOException {
        Consumer friend = apiConsumer();
        OnboardedMerchant shop = onboardMerchant("Dumpling House", "");
        try (Browser browser = open(port, size)) {
            browser.go("/wallet");
            assertThat(browser.driver().getCurrentUrl()).as("a payer without a session logs in first").endsWith("/wallet/login");
            assertThat(browser.find("html").getAttribute("lang")).as("the browser's language").isEqualTo(size == Browser.Size.PHONE ? "zh-CN" : "en");
            check(browser, "login", size);

            browser.find("a[href='/wallet/signup']").click();
            browser.awaitElement("form[action='/wallet/signup']");
            check(browser, "signup", size);
            String phone = newPhone();
            fill(browser, "#name", "Han Meimei");
            fill(browser, "#phone", phone.substring(3));
            fill(browser, "#password", "0123456789");
            submit(browser, "/wallet/signup");
            assertThat(browser.awaitElement("#form-error").getText()).isNotBlank();
            assertThat(browser.find("#password").getAttribute("aria-invalid")).isEqualTo("true");
            check(browser, "signup-error", size);
            fill(browser, "#password", PASSWORD);
            submit(browser, "/wallet/signup");
            browser.awaitElement(".balance");
            assertThat(browser.find(".ok").getText()).isNotBlank();
            check(browser, "home-new", size);
            String token = browser.driver().manage().getCookieNamed(WalletSessions.COOKIE).getValue();
            assertThat(browser.driver().manage().getCookieNamed(WalletSessions.COOKIE).isHttpOnly()).isTrue();
            Consumer payer = new Consumer(null, phone, token);

            // real name first: a wallet no channel verified pays and sends nothing
            browser.go("/wallet/verify");
            check(browser, "verify", size);
            fill(browser, "#name", VERIFIED_NAME);
            fill(browser, "#id_number", newIdNumber());
            submit(browser, "/wallet/verify");
            assertThat(browser.awaitElement("#account-class").getText()).isEqualTo("I");

            // top-up with a card: the card's number never comes back in the page
            browser.go("/wallet/topup");
            check(browser, "topup", size);
            String card = newCard();
            fill(browser, "#amount", "100.00");
            fill(browser, "#card_name", "HAN MEIMEI");
            fill(browser, "#card_number", card);
            fill(browser, "#card_exp", "12/34");
            fill(browser, "#card_cvc", "123");
            submit(browser, "/wallet/topup");
            browser.awaitElement(".balance");
            assertThat(available(payer)).isEqualTo(10_000);
            assertThat(browser.driver().getPageSource()).doesNotContain(card);

            // a transfer to nobody is refused on the page; to a friend it goes
            browser.go("/wallet/transfer");
            fill(browser, "#to_phone", "13000000001");
            fill(browser, "#amount", "30");
            submit(browser, "/wallet/transfer");
            assertThat(browser.awaitElement("#form-error").getText()).isNotBlank();
            assertThat(browser.find("#to_phone").getAttribute("aria-invalid")).isEqualTo("true");
            check(browser, "transfer-error", size);
            fill(browser, "#to_phone", friend.phone().substring(3));
            submit(browser, "/wallet/transfer");
            browser.awaitElement(".balance");
            assertThat(available(payer)).isEqualTo(7_000);
            assertThat(available(friend)).isEqualTo(3_000);

            // a merchant's QR code, photographed: a picture larger than the platform takes is made smaller in the page,
            // then read on the server, confirmed and paid
            QrPayment lunch = qrPayment(shop, 1_250);
            Path picture = photo(lunch.payload());
            assertThat(Files.size(picture)).isGreaterThan(1024 * 1024);
            browser.go("/wallet/pay");
            check(browser, "pay", size);
            browser.find("#qr_image").sendKeys(picture.toAbsolutePath().toString());
            submit(browser, "/wallet/pay/scan");
            // the page redraws the 6 MB picture as a JPEG before posting it: slow in a headless browser on a busy machine
            assertThat(browser.awaitElement("#pay-amount", java.time.Duration.ofSeconds(90)).getText()).contains("12.50");
            check(browser, "pay-confirm", size);
            submit(browser, "/wallet/pay/confirm");
            browser.awaitElement(".balance");
            assertThat(available(payer)).isEqualTo(5_750);
            Files.delete(picture);

            // and one pasted as text
            QrPayment tea = qrPayment(shop, 750);
            browser.go("/wallet/pay");
            fill(browser, "#qr_payload", tea.payload());
            submit(browser, "/wallet/pay/paste");
            browser.awaitElement("#pay-amount");
            submit(browser, "/wallet/pay/confirm");
            browser.awaitElement(".balance");
            assertThat(available(payer)).isEqualTo(5_000);

            // a computer's login QR code, scanned the same way: the computer's page is logged in once the payer approves
            Api.Response loginQr = api.postJson("/v1/login_qr", "");
            browser.go("/wallet/pay");
            fill(browser, "#qr_payload", loginQr.json().path("qr_payload").asString());
            submit(browser, "/wallet/pay/paste");
            browser.awaitElement("#approve-login");
            check(browser, "login-qr", size);
            browser.find("#approve-login").click();
            browser.awaitElement(".balance");
            assertThat(api.get("/v1/login_qr/" + loginQr.json().path("id").asString(), "Huitong-Poll-Token",
                    loginQr.json().path("poll_token").asString()).json().path("status").asString()).isEqualTo("approved");

            // the payment code: drawn on the server, renewed by htmx, charged by a merchant
            browser.go("/wallet/code");
            check(browser, "code", size);
            String first = browser.awaitElement("#code-digits").getText().replace(" ", "");
            assertThat(first).matches("[0-9]{18}");
            assertThat(browser.find("#code").getAttribute("hx-trigger")).isEqualTo("every 60s");
            browser.script("htmx.trigger(document.getElementById('code'), 'every 60s')");
            browser.script("htmx.ajax('GET', '/wallet/code/fresh', {target: '#code', swap: 'outerHTML'})");
            String renewed = browser.await(d -> {
                try {
                    String digits = d.findElement(By.id("code-digits")).getText().replace(" ", "");
                    return digits.equals(first) ? null : digits;
                } catch (org.openqa.selenium.StaleElementReferenceException swappedMeanwhile) {
                    return null;
                }
            });
            Api.Response charged = api.postJson("/v1/payments", "{\"amount\":500,\"currency\":\"CNY\",\"payment_method\":{\"type\":"
                    + "\"payment_code\",\"payment_code\":{\"code\":\"" + renewed + "\"}}}", "Authorization", shop.bearer());
            assertThat(charged.status()).as(charged.body()).isEqualTo(201);
            assertThat(charged.json().path("status").asString()).isEqualTo("succeeded");
            assertThat(available(payer)).isEqualTo(4_500);

            // the history, filtered by type
            browser.go("/wallet/history");
            assertThat(browser.findAll(".line")).hasSize(5);
            check(browser, "history", size);
            new org.openqa.selenium.support.ui.Select(browser.find("#type")).selectByValue("topup");
            submit(browser, "/wallet/history");
            browser.await(d -> d.getCurrentUrl().contains("type=topup"));
            assertThat(browser.findAll(".line")).hasSize(1);
            browser.go("/wallet/history?from=2000-01-01&to=2000-01-31");
            assertThat(browser.findAll(".line")).isEmpty();

            // lost: frozen at once, nothing leaves; unfrozen with the password
            browser.go("/wallet/security");
            check(browser, "security", size);
            submit(browser, "/wallet/freeze");
            browser.awaitElement("#frozen-state");
            check(browser, "frozen", size);
            browser.go("/wallet/transfer");
            fill(browser, "#to_phone", friend.phone().substring(3));
            fill(browser, "#amount", "1");
            submit(browser, "/wallet/transfer");
            assertThat(browser.awaitElement("#form-error").getText()).isNotBlank();
            assertThat(available(payer)).isEqualTo(4_500);
            browser.go("/wallet/security");
            fill(browser, "#unfreeze-password", "not my password");
            submit(browser, "/wallet/unfreeze");
            assertThat(browser.awaitElement("#form-error").getText()).isNotBlank();
            fill(browser, "#unfreeze-password", PASSWORD);
            submit(browser, "/wallet/unfreeze");
            browser.await(d -> d.getCurrentUrl().contains("done=unfrozen"));
            assertThat(browser.findAll("#frozen-state")).isEmpty();

            browser.go("/wallet");
            check(browser, "home", size);
            browser.go("/wallet?lang=en");
            check(browser, "home-en", size);
            submit(browser, "/wallet/logout");
            browser.awaitElement("form[action='/wallet/login']");
            assertThat(api.get("/v1/wallet", "Authorization", payer.bearer()).status()).as("logging out ends the session").isEqualTo(401);
        }
    }
}
