package io.huitong.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A real browser for the pages' end-to-end tests: Debian's headless Chromium driven through its ChromeDriver
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; {@code .ci/run} installs both). Without them the tests
 * are skipped on a developer's machine and fail in CI. A browser has a size ({@link Size#PHONE} emulates a 360 px
 * phone with touch, {@link Size#DESKTOP} a 1280 px window) and a language; it saves screenshots under
 * {@code target/screenshots}, measures what a page weighed on the wire, and runs axe-core over the page.
 */
public final class Browser implements AutoCloseable {

    public enum Size { PHONE, DESKTOP }

    static final Path CHROMIUM = Path.of(System.getProperty("huitong.test.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("huitong.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** A new browser (an empty profile) on the platform at {@code port}, in English. */
    public static Browser open(int port, Size size) {
        return open(port, size, "en-US");
    }

    public static Browser open(int port, Size size, String language) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("the browser tests need " + CHROMIUM + " and " + DRIVER + " (Debian: chromium chromium-driver)");
            }
            Assumptions.abort("no " + CHROMIUM + " or " + DRIVER + " on this machine (Debian: apt-get install chromium chromium-driver)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("huitong-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as this machine's Chromium must run: headless, as root, with no calls home
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        // the page's console, for the message of a step that timed out
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        if (size == Size.PHONE) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", 360, "height", 780, "pixelRatio", 2.0, "touch", true)));
        } else {
            options.addArguments("--window-size=1280,900");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://localhost:" + port, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** The platform's address, e.g. {@code http://localhost:51234}. */
    public String base() {
        return base;
    }

    /** Opens a path of the platform ({@code /wallet}) or an absolute address. */
    public Browser go(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits until the condition holds and returns what it returned: up to 30 s, as a busy machine (a CI runner, the
     * suite on two cores) may take that long to post a large picture and draw the next page.
     */
    public <T> T await(Function<WebDriver, T> condition) {
        return waiting(Duration.ofSeconds(30)).until(condition);
    }

    /** A wait that asks again when the page redrew what it was looking at (a part htmx polls, for instance). */
    private WebDriverWait waiting(Duration patience) {
        WebDriverWait wait = new WebDriverWait(driver, patience);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Waits until an element matching {@code css} is on the page and returns it. */
    public WebElement awaitElement(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /**
     * As {@link #awaitElement(String)}, for up to {@code patience}: after a step that is slow in the browser itself, such as
     * a large picture redrawn in the page before it is posted (software rendering in a headless browser on two cores).
     */
    public WebElement awaitElement(String css, Duration patience) {
        try {
            return waiting(patience).until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            String text = driver.findElements(By.tagName("body")).stream().findFirst().map(WebElement::getText).orElse("");
            String console;
            try {
                console = driver.manage().logs().get("browser").getAll().stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining("\n"));
            } catch (RuntimeException unavailable) {
                console = "(unavailable: " + unavailable.getMessage() + ")";
            }
            throw new AssertionError("no " + css + " after " + patience.toSeconds() + " s; the browser shows " + driver.getCurrentUrl()
                    + " \"" + driver.getTitle() + "\": " + text.substring(0, Math.min(600, text.length())) + "\nits console:\n" + console, e);
        }
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the current page cost on the wire, images left out: the document and every script, stylesheet and
     * fetch it made, as the Resource Timing API counts them (bodies as sent, compressed where they were).
     */
    public long pageWeightWithoutImages() {
        Object bytes = script("""
                const nav = performance.getEntriesByType('navigation')[0];
                let total = nav ? nav.encodedBodySize : 0;
                for (const r of performance.getEntriesByType('resource')) {
                  if (r.initiatorType !== 'img' && !/\\.(png|jpe?g|gif|svg|webp|ico)(\\?|$)/.test(r.name)) total += r.encodedBodySize;
                }
                return total;""");
        return ((Number) bytes).longValue();
    }

    /**
     * axe-core's violations of impact "serious" or "critical" on the current page, as "rule: target" lines. axe-core is
     * loaded and run in one script; a page that goes on to the next by itself (a waiting page that polls) may take the
     * script with it, and then axe-core runs again on the page now shown.
     */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityViolations() {
        for (int attempt = 1; ; attempt++) {
            try {
                Object result = ((JavascriptExecutor) driver).executeAsyncScript(AXE + """

                        ;const done = arguments[arguments.length - 1];
                        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                            .filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' (' + v.help + ')'))))
                          .catch(e => done(['axe failed: ' + e]));""");
                return new ArrayList<>((List<String>) result);
            } catch (org.openqa.selenium.JavascriptException | org.openqa.selenium.ScriptTimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
                awaitLoaded();
            }
        }
    }

    private void awaitLoaded() {
        new WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** A CTAP2 authenticator with a user-verifying resident key, as a phone's or a laptop's platform authenticator. */
    public VirtualAuthenticator addVirtualAuthenticator() {
        VirtualAuthenticatorOptions options = new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true);
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(options);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is only disk space
            }
        }
    }

    private static final String AXE = readAxe();

    private static String readAxe() {
        String path = new org.webjars.WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
        try (InputStream in = path == null ? null : Browser.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
