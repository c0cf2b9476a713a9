package io.huitong.web.pages.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** What every checkout page a test opens must be: light, free of serious accessibility faults, and on record. */
final class CheckoutPages {

    static final long MAX_WEIGHT = 200 * 1024;

    private CheckoutPages() {
    }

    /** Saves a screenshot, records the page's weight (images left out) and checks it and axe-core's findings. */
    static void check(Browser browser, String name) {
        browser.screenshot(name);
        long weight = browser.pageWeightWithoutImages();
        record(name + "\t" + weight + " bytes\t" + browser.driver().getCurrentUrl().replaceAll("https?://[^/]+", ""));
        assertThat(weight).as(name + ": page weight without images").isPositive().isLessThan(MAX_WEIGHT);
        assertThat(browser.seriousAccessibilityViolations()).as(name + ": serious or critical accessibility violations").isEmpty();
    }

    private static synchronized void record(String line) {
        try {
            Files.createDirectories(Browser.SCREENSHOTS);
            Files.writeString(Browser.SCREENSHOTS.resolve("page-weights.tsv"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void payByCard(Browser browser, String number) {
        browser.find("#card-name").sendKeys("Han Meimei");
        browser.find("#card-number").sendKeys(number);
        browser.find("#card-expiry").sendKeys("12/34");
        browser.find("#card-cvc").sendKeys("123");
        browser.find("form[action$='/card'] button[type='submit']").click();
    }

    static void applyCoupon(Browser browser, String code) {
        if (browser.find("#coupon").getAttribute("open") == null) {
            browser.find("#coupon summary").click();
        }
        browser.find("#coupon-code").sendKeys(code);
        browser.find("form[action$='/coupon'] button").click();
    }

    static String name(Browser.Size size) {
        return size.name().toLowerCase(java.util.Locale.ROOT);
    }
}
