package io.huitong.web.pages.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.Browser;
import io.huitong.web.wallets.WalletFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The hosted checkout in a real browser, on a phone and on a desktop: a payer opens the session's url and pays by card
 * (approved, declined, with step-up), by the wallet operator's QR code, from a Huitong wallet, and with a coupon. Every
 * page is screenshot, weighed and checked with axe-core.
 */
abstract class CheckoutBrowserTests extends WalletFixtures {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The password WalletFixtures signs its consumers up with. */
    static final String WALLET_PASSWORD = "Plum-blossom 2026";

    @Autowired
    ApplicationContext context;

    OnboardedMerchant merchant;

    @BeforeEach
    void shop() {
        // the simulated operators sign with the real time, which the platform checks
        clock.reset();
        merchant = onboardMerchant("Tea House " + UUID.randomUUID().toString().substring(0, 4), "");
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aPayerPaysByCardAndGoesBackToTheMerchant(Browser.Size size) {
        JsonNode session = session("");
        try (Browser browser = Browser.open(port, size)) {
            browser.go(session.path("url").asString());
            assertThat(browser.find("h1").getText()).contains("Tea House").contains("CN¥128.00");
            assertThat(browser.findAll("tbody tr")).hasSize(2);
            CheckoutPages.check(browser, "checkout-" + CheckoutPages.name(size));
            if (size == Browser.Size.DESKTOP) {
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
                browser.screenshot("checkout-desktop-whole");
            }
            CheckoutPages.payByCard(browser, "4242 4242 4242 4242");
            browser.awaitElement("[data-outcome='paid']");
            assertThat(browser.find("main").getText()).contains("You paid CN¥128.00 to " + merchantName());
            CheckoutPages.check(browser, "checkout-paid-" + CheckoutPages.name(size));
            browser.await(d -> d.getCurrentUrl().contains("shop=thanks") ? true : null);
            assertThat(browser.driver().getCurrentUrl()).contains("session=" + session.path("id").asString());
        }
        JsonNode after = read(session);
        assertThat(after.path("status").asString()).isEqualTo("complete");
        assertThat(after.path("payment_method").asString()).isEqualTo("card");
        JsonNode payment = api.get("/v1/payments/" + after.path("payment").asString(), "Authorization", merchant.bearer()).json();
        assertThat(payment.path("status").asString()).isEqualTo("succeeded");
        assertThat(payment.path("amount").asLong()).isEqualTo(12800);
        assertThat(payment.path("metadata").path("checkout_session").asString()).isEqualTo(session.path("id").asString());
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aDeclinedCardSaysSoAndTheSessionStaysOpen(Browser.Size size) {
        JsonNode session = session("");
        try (Browser browser = Browser.open(port, size)) {
            browser.go(session.path("url").asString());
            CheckoutPages.payByCard(browser, "4000 0000 0000 0002");
            String error = browser.awaitElement("#card-error").getText();
            assertThat(error).isEqualTo("Your card was declined. Try another card or another way to pay.");
            assertThat(browser.find("#card-number").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#card-number").getAttribute("value")).isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain("4000000000000002").doesNotContain("4000 0000 0000 0002");
            CheckoutPages.check(browser, "checkout-declined-" + CheckoutPages.name(size));

            CheckoutPages.payByCard(browser, "5555 5555 5555 4444");
            browser.awaitElement("[data-outcome='paid']");
        }
        assertThat(read(session).path("status").asString()).isEqualTo("complete");
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aCardAskingForStepUpIsConfirmedOnTheHostedPageAndComesBack(Browser.Size size) {
        JsonNode session = session("");
        try (Browser browser = Browser.open(port, size)) {
            browser.go(session.path("url").asString());
            CheckoutPages.payByCard(browser, "4000 0000 0000 3220");
            browser.await(d -> d.getCurrentUrl().contains("/pay/authenticate/") ? true : null);
            browser.find("form[action*='/complete'] button").click();
            browser.awaitElement("[data-outcome='paid']");
            CheckoutPages.check(browser, "checkout-stepup-paid-" + CheckoutPages.name(size));
        }
        assertThat(read(session).path("status").asString()).isEqualTo("complete");
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aQrCodeIsShownAndThePageMovesOnWhenTheWalletOperatorIsPaid(Browser.Size size) throws Exception {
        JsonNode session = session(",\"allowed_methods\":[\"qr\",\"card\"]");
        try (Browser browser = Browser.open(port, size)) {
            browser.go(session.path("url").asString());
            browser.find("form[action$='/qr'] button").click();
            browser.awaitElement("img[src$='/qr.png']");
            Object loaded = browser.await(d -> browser.script(
                    "const i = document.querySelector('img'); return i.complete && i.naturalWidth > 0 ? true : null;"));
            assertThat(loaded).isEqualTo(Boolean.TRUE);
            CheckoutPages.check(browser, "checkout-qr-" + CheckoutPages.name(size));

            String payment = read(session).path("payment").asString();
            HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(EmbeddedSimulators.of(context).controlUrl()
                    + "/control/walletpay/orders/" + payment + "/pay")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
            browser.awaitElement("[data-outcome='paid']");
        }
        assertThat(read(session).path("status").asString()).isEqualTo("complete");
    }

    @org.junit.jupiter.api.Test
    void theHuitongWalletAppScansTheQrCodeAndThePageMovesOn() {
        Consumer payer = consumer();
        fund(payer, 20_000);
        JsonNode session = session(",\"allowed_methods\":[\"wallet\"]");
        try (Browser browser = Browser.open(port, Browser.Size.PHONE)) {
            browser.go(session.path("url").asString());
            browser.find("#method-wallet form[action$='/qr'] button").click();
            browser.awaitElement("img[src$='/qr.png']");
            String payment = read(session).path("payment").asString();
            String payload = api.get("/v1/payments/" + payment, "Authorization", merchant.bearer()).json()
                    .path("next_action").path("qr_payload").asString();
            Api.Response paid = api.postJson("/v1/wallet/qr_payments", "{\"qr_payload\":\"" + payload + "\"}",
                    "Authorization", payer.bearer());
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
            browser.awaitElement("[data-outcome='paid']");
        }
        assertThat(read(session).path("status").asString()).isEqualTo("complete");
        assertThat(available(payer)).isEqualTo(20_000 - 12_800);
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aPayerLogsInToTheirWalletOnThePageAndPaysFromItsBalance(Browser.Size size) {
        Consumer payer = consumer();
        fund(payer, 50_000);
        JsonNode session = session("");
        try (Browser browser = Browser.open(port, size)) {
            browser.go(session.path("url").asString());
            browser.find("#method-wallet summary").click();
            browser.find("#wallet-phone").sendKeys(payer.phone());
            browser.find("#wallet-password").sendKeys("wrong password");
            browser.find("#wallet-password").submit();
            assertThat(browser.awaitElement("#wallet-error").getText()).isEqualTo("The phone number or password is not correct.");
            CheckoutPages.check(browser, "checkout-wallet-refused-" + CheckoutPages.name(size));

            browser.find("#wallet-phone").sendKeys(payer.phone());
            browser.find("#wallet-password").sendKeys(WALLET_PASSWORD);
            browser.find("#wallet-password").submit();
            browser.awaitElement("[data-outcome='paid']");
        }
        assertThat(read(session).path("status").asString()).isEqualTo("complete");
        assertThat(read(session).path("payment_method").asString()).isEqualTo("wallet");
        assertThat(available(payer)).isEqualTo(50_000 - 12_800);
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void aCouponLowersTheTotalBeforePayingAndIsRedeemedWhenPaid(Browser.Size size) {
        String code = "TEA" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        Api.Response coupon = api.postJson("/v1/coupons", "{\"code\":\"" + code + "\",\"percent_off\":15,\"max_redemptions\":1}",
                "Authorization", merchant.bearer());
        assertThat(coupon.status()).as(coupon.body()).isEqualTo(201);
        JsonNode session = session("");
        JsonNode second = session("");
        try (Browser browser = Browser.open(port, size)) {
            browser.go(session.path("url").asString());
            CheckoutPages.applyCoupon(browser, "NO-SUCH-CODE");
            assertThat(browser.awaitElement("#coupon-error").getText()).isEqualTo("This coupon code is not valid.");
            CheckoutPages.check(browser, "checkout-coupon-unknown-" + CheckoutPages.name(size));

            CheckoutPages.applyCoupon(browser, code.toLowerCase(java.util.Locale.ROOT));
            assertThat(browser.awaitElement("#coupon-applied").getText()).contains(code).contains("CN¥19.20");
            assertThat(browser.find("#total").getText()).isEqualTo("CN¥108.80");
            CheckoutPages.check(browser, "checkout-coupon-" + CheckoutPages.name(size));
            CheckoutPages.payByCard(browser, "4242 4242 4242 4242");
            browser.awaitElement("[data-outcome='paid']");

            browser.go(second.path("url").asString());
            CheckoutPages.applyCoupon(browser, code);
            assertThat(browser.awaitElement("#coupon-error").getText()).isEqualTo("This coupon has been used up.");
        }
        JsonNode paid = read(session);
        assertThat(paid.path("amount_total").asLong()).isEqualTo(10_880);
        assertThat(api.get("/v1/payments/" + paid.path("payment").asString(), "Authorization", merchant.bearer()).json()
                .path("amount").asLong()).isEqualTo(10_880);
        assertThat(api.get("/v1/coupons/" + coupon.json().path("id").asString(), "Authorization", merchant.bearer()).json()
                .path("times_redeemed").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void thePageSpeaksChineseToAChineseBrowserAndCancelGoesBackToTheMerchant(Browser.Size size) {
        JsonNode session = session("");
        try (Browser browser = Browser.open(port, size, "zh-CN")) {
            browser.go(session.path("url").asString());
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(browser.find("h1").getText()).contains("¥128.00");
            assertThat(browser.find("#card-number").findElement(By.xpath("preceding-sibling::label[1]")).getText()).isEqualTo("卡号");
            CheckoutPages.check(browser, "checkout-zh-" + CheckoutPages.name(size));
            browser.find("form.leave button").click();
            browser.awaitElement("[data-outcome='left']");
            browser.await(d -> d.getCurrentUrl().contains("shop=cart") ? true : null);
        }
        assertThat(read(session).path("status").asString()).isEqualTo("open");
    }

    @org.junit.jupiter.api.Test
    void anEcnyPaymentWaitsForThePayersConfirmationAndABankTransferSucceeds() {
        JsonNode ecny = session(",\"allowed_methods\":[\"ecny\",\"bank_transfer\"]");
        try (Browser browser = Browser.open(port, Browser.Size.PHONE)) {
            browser.go(ecny.path("url").asString());
            browser.find("#ecny-wallet").sendKeys("123");
            browser.find("#ecny-wallet").submit();
            assertThat(browser.awaitElement("#ecny-error").getText()).isEqualTo("Enter your e-CNY wallet ID: 16 digits.");
            browser.find("#ecny-wallet").sendKeys("0012 3456 7890 1234");
            browser.find("#ecny-wallet").submit();
            browser.awaitElement("[data-outcome='paid'], [data-outcome='waiting']");
            CheckoutPages.check(browser, "checkout-ecny-phone");
            browser.awaitElement("[data-outcome='paid']");
        }
        assertThat(read(ecny).path("status").asString()).isEqualTo("complete");
        assertThat(read(ecny).path("payment_method").asString()).isEqualTo("ecny");

        JsonNode bank = session(",\"allowed_methods\":[\"bank_transfer\"]");
        try (Browser browser = Browser.open(port, Browser.Size.DESKTOP)) {
            browser.go(bank.path("url").asString());
            browser.find("#bank-code").sendKeys("ICBKCNBJ");
            browser.find("#bank-account").sendKeys("6222020200001234");
            browser.find("#bank-name").sendKeys("Han Meimei");
            browser.find("#bank-name").submit();
            browser.awaitElement("[data-outcome='paid']");
            CheckoutPages.check(browser, "checkout-bank-paid-desktop");
        }
        assertThat(read(bank).path("status").asString()).isEqualTo("complete");
    }

    // ---- helpers ----

    JsonNode session(String extra) {
        String shop = "http://localhost:" + port + "/?shop=";
        Api.Response r = api.postJson("/v1/checkout/sessions", "{\"amount\":12800,\"currency\":\"CNY\",\"description\":\"Tea set\","
                + "\"line_items\":[{\"name\":\"Teapot\",\"quantity\":1,\"amount\":8800},{\"name\":\"Cup\",\"quantity\":4,\"amount\":1000}],"
                + "\"success_url\":\"" + shop + "thanks&session={CHECKOUT_SESSION_ID}\",\"cancel_url\":\"" + shop + "cart\"" + extra + "}",
                "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode read(JsonNode session) {
        return api.get("/v1/checkout/sessions/" + session.path("id").asString(), "Authorization", merchant.bearer()).json();
    }

    String merchantName() {
        return api.get("/v1/admin/merchants/" + merchant.id(), "Authorization", admin()).json().path("name").asString();
    }
}
