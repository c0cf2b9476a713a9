package io.huitong.web.pages.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.ResidentIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform for the wallet pages' tests. It listens on a port chosen before it starts, so that passkeys may be
 * bound to the page's origin ({@code http://localhost:<port>}), the origin the browser's WebAuthn reports.
 */
abstract class WalletPageSupport extends ApiTestSupport {

    static final String PASSWORD = "Plum-blossom 2026";
    static final String VERIFIED_NAME = "韩梅梅";
    static final int PORT = freePort();
    private static final AtomicLong PHONES = new AtomicLong(13_700_000_000L + System.nanoTime() % 90_000_000L);
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000L);

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void pageOrigin(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("huitong.consumers.passkeys.rp-id", () -> "localhost");
        registry.add("huitong.consumers.passkeys.origins", () -> "http://localhost:" + PORT);
    }

    /** Every test logs in from the same address: earlier tests' failures must have aged out of the guard's window. */
    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
        assertThat(port).as("the platform listens where passkeys are bound").isEqualTo(PORT);
    }

    static String newPhone() {
        return "+86" + PHONES.incrementAndGet();
    }

    /** A card the simulated acquirer approves, new to risk control. */
    static String newCard() {
        return io.huitong.simulator.Simulator.approvedCard("424242", CARDS.incrementAndGet());
    }

    static String newIdNumber() {
        return ResidentIds.next();
    }

    /** A consumer signed up and logged in through the API: their phone number and session token. */
    record Consumer(String id, String phone, String token) {

        String bearer() {
            return "Bearer " + token;
        }
    }

    Consumer apiConsumer() {
        String phone = newPhone();
        Api.Response created = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Li Lei\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Consumer(created.json().path("id").asString(), phone, login(phone));
    }

    String login(String phone) {
        Api.Response session = api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        return session.json().path("token").asString();
    }

    void verify(Consumer c) {
        Api.Response r = api.postJson("/v1/users/me/verification", "{\"name\":\"" + VERIFIED_NAME + "\",\"id_number\":\"" + newIdNumber()
                + "\"}", "Authorization", c.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    long available(Consumer c) {
        Api.Response w = api.get("/v1/wallet", "Authorization", c.bearer());
        assertThat(w.status()).as(w.body()).isEqualTo(200);
        return w.json().path("balances").path(0).path("available").asLong(0);
    }

    /** A merchant's QR payment waiting to be paid: its id and the payload its QR code shows. */
    record QrPayment(String id, String payload) {
    }

    QrPayment qrPayment(OnboardedMerchant merchant, long amount) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}",
                "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new QrPayment(r.json().path("id").asString(), r.json().path("next_action").path("qr_payload").asString());
    }

    /** A page's CSRF pair: the cookie the platform set and the form field's value on the page. */
    record Csrf(String cookie, String field) {
    }

    /** Opens a wallet page as a browser would (with the session cookie, if any) and takes its CSRF pair. */
    Csrf csrf(String path, String sessionToken) {
        Api.Response page = sessionToken == null ? api.get(path) : api.get(path, "Cookie", "huitong_wallet=" + sessionToken);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("huitong_csrf="))
                .map(c -> c.substring("huitong_csrf=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(field.find()).as("the page's forms carry the CSRF token").isTrue();
        return new Csrf(cookie, field.group(1));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
