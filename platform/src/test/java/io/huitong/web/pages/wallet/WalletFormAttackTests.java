package io.huitong.web.pages.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an attacker, or a broken client, sends to the wallet's forms: requests without the CSRF token, text that is no
 * text (NUL, a lone surrogate, bytes that are no UTF-8, a bare {@code %}), nonsense amounts and files, someone else's ids
 * and sessions that are not a consumer's, a login QR code's nonce guessed or used twice. Each is a 4xx page (or the login
 * page), never a 5xx, and moves no money.
 */
abstract class WalletFormAttackTests extends WalletPageSupport {

    Consumer payer;
    Consumer friend;
    Csrf csrf;

    @BeforeEach
    void aPayerWithMoney() {
        payer = apiConsumer();
        verify(payer);
        friend = apiConsumer();
        Api.Response topUp = api.postJson("/v1/wallet/topups", "{\"amount\":5000,\"currency\":\"CNY\",\"card\":{\"number\":\"" + newCard()
                + "\",\"exp_month\":12,\"exp_year\":2034,\"cvc\":\"123\"}}", "Authorization", payer.bearer());
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(201);
        csrf = csrf("/wallet/transfer", payer.token());
    }

    private String cookies() {
        return "huitong_wallet=" + payer.token() + "; huitong_csrf=" + csrf.cookie();
    }

    private Api.Response form(String path, String body) {
        return api.postForm(path, body + "&_csrf=" + csrf.field(), "Cookie", cookies());
    }

    private static void page(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("the payer's page, not the API's JSON").startsWith("text/html");
        assertThat(r.body()).contains("<main");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndMovesNothing() {
        String transfer = "to_phone=" + friend.phone().substring(3) + "&amount=10";
        page(api.postForm("/wallet/transfer", transfer, "Cookie", "huitong_wallet=" + payer.token()), 403);
        page(api.postForm("/wallet/transfer", transfer, "Cookie", cookies()), 403);
        page(api.postForm("/wallet/transfer", transfer + "&_csrf=" + csrf.field().substring(1) + "A", "Cookie", cookies()), 403);
        page(api.postForm("/wallet/transfer", transfer + "&_csrf=%25%25", "Cookie", cookies()), 403);
        page(api.postForm("/wallet/freeze", "", "Cookie", "huitong_wallet=" + payer.token()), 403);
        Csrf someoneElses = csrf("/wallet/login", null);
        page(api.postForm("/wallet/transfer", transfer + "&_csrf=" + someoneElses.field(), "Cookie", cookies()), 403);
        assertThat(available(payer)).isEqualTo(5000);
        assertThat(api.get("/v1/wallet", "Authorization", payer.bearer()).json().path("status").asString()).isEqualTo("active");

        // with its token, the same form goes through
        Api.Response sent = form("/wallet/transfer", transfer);
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        assertThat(available(payer)).isEqualTo(4000);
    }

    @Test
    void textThatIsNoTextIsABadRequestPage() {
        String to = "to_phone=" + friend.phone().substring(3);
        page(form("/wallet/transfer", to + "&amount=10&note=a%00b"), 400);
        page(form("/wallet/transfer", to + "&amount=10&note=%ED%A0%80"), 400);
        page(form("/wallet/transfer", "to_phone=%ff%fe&amount=10"), 400);
        assertThat(form("/wallet/transfer", to + "&amount=%").status()).isBetween(400, 499);
        assertThat(form("/wallet/transfer", to + "&amount=%zz").status()).isBetween(400, 499);
        assertThat(api.get("/wallet/history?type=%00", "Cookie", cookies()).status()).isEqualTo(400);
        assertThat(api.get("/wallet/history?type=%ff", "Cookie", cookies()).status()).isEqualTo(400);
        page(api.get("/wallet/history?type=bogus", "Cookie", cookies()), 400);
        page(api.get("/wallet/history?from=yesterday", "Cookie", cookies()), 400);
        page(api.get("/wallet/history?from=2026-02-01&to=2026-01-01", "Cookie", cookies()), 400);
        assertThat(available(payer)).isEqualTo(5000);
    }

    @Test
    void nonsenseAmountsCodesAndFilesAreShownOnTheirForm() {
        String to = "to_phone=" + friend.phone().substring(3);
        for (String amount : new String[] {"-5", "0", "1e9999", "99999999999999999999", "12.345", "abc", "", "NaN"}) {
            Api.Response r = form("/wallet/transfer", to + "&amount=" + java.net.URLEncoder.encode(amount, StandardCharsets.UTF_8));
            page(r, 400);
            assertThat(r.body()).as(amount).contains("id=\"form-error\"").contains("aria-invalid=\"true\"");
        }
        page(form("/wallet/transfer", "amount=10"), 400);
        page(form("/wallet/topup", "amount=10&card_number=4242424242424241&card_exp=13%2F40&card_cvc=1"), 400);
        Api.Response card = form("/wallet/topup", "amount=10&card_number=" + newCard() + "&card_exp=12%2F34");
        page(card, 400);
        assertThat(card.body()).as("a card number never comes back in the page").doesNotContain("card_number\" value");
        Api.Response declined = form("/wallet/topup", "amount=10&card_number=4000000000000002&card_exp=12%2F34&card_cvc=123");
        page(declined, 402);
        assertThat(declined.body()).contains("id=\"form-error\"").doesNotContain("4000000000000002");
        page(form("/wallet/pay/paste", "qr_payload=000201garbage"), 400);
        page(form("/wallet/pay/confirm", "qr_payload=" + "9".repeat(5000)), 400);
        page(multipart("qr_image", "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 400);
        page(multipart("qr_image", "blank.png", "image/png", blankPng()), 400);
        Api.Response broken = api.send(api.request("/wallet/pay/scan").header("Content-Type", "multipart/form-data; boundary=nothing")
                .header("Cookie", cookies()).header("X-CSRF-TOKEN", csrf.field())
                .POST(HttpRequest.BodyPublishers.ofString("--elsewhere\r\nbroken")).build());
        assertThat(broken.status()).isBetween(400, 499);
        assertThat(available(payer)).isEqualTo(5000);
    }

    @Test
    void sessionsThatAreNotTheConsumersOpenNothingAndOtherPagesAreNotFound() {
        for (String cookie : new String[] {"huitong_wallet=" + ADMIN_KEY, "huitong_wallet=ust_forged", "huitong_wallet=%00",
                "huitong_wallet=" + "x".repeat(4000)}) {
            Api.Response home = api.get("/wallet", "Cookie", cookie);
            assertThat(home.status()).as(cookie).isEqualTo(303);
            assertThat(home.header("Location")).endsWith("/wallet/login");
        }
        Api.Response htmx = api.get("/wallet/code/fresh", "HX-Request", "true");
        assertThat(htmx.status()).isEqualTo(401);
        assertThat(htmx.header("HX-Redirect")).isEqualTo("/wallet/login");
        page(form("/wallet/passkeys/pk_00000000000000000000000000/delete", "x=1"), 404);
        page(api.get("/wallet/nothing/here", "Cookie", cookies()), 404);
        Api.Response login = api.send(api.request("/wallet/login/passkey").header("Content-Type", "application/json")
                .header("Cookie", cookies()).header("X-CSRF-TOKEN", csrf.field())
                .POST(HttpRequest.BodyPublishers.ofString("{\"ceremony\":\"pkc_nothing\",\"credential\":{\"id\":\"x\"}}")).build());
        assertThat(login.status()).as(login.body()).isBetween(400, 499);
        assertThat(login.json().path("message").asString()).isNotBlank();
    }

    @Test
    void aLoginQrCodeScannedInTheWalletLogsTheOtherDeviceInOnce() {
        Api.Response created = api.postJson("/v1/login_qr", "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String payload = created.json().path("qr_payload").asString();
        String pollToken = created.json().path("poll_token").asString();

        Api.Response confirm = form("/wallet/pay/paste", "qr_payload=" + java.net.URLEncoder.encode(payload, StandardCharsets.UTF_8));
        page(confirm, 200);
        assertThat(confirm.body()).contains("id=\"approve-login\"");
        assertThat(api.get("/v1/login_qr/" + id, "Huitong-Poll-Token", pollToken).json().path("status").asString()).isEqualTo("pending");

        page(form("/wallet/login-qr/approve", "id=" + id + "&nonce=guessed"), 400);
        String nonce = payload.substring(payload.indexOf("nonce=") + "nonce=".length());
        Api.Response approved = form("/wallet/login-qr/approve", "id=" + id + "&nonce=" + nonce);
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        Api.Response polled = api.get("/v1/login_qr/" + id, "Huitong-Poll-Token", pollToken);
        assertThat(polled.json().path("status").asString()).isEqualTo("approved");
        String token = polled.json().path("session").path("token").asString();
        assertThat(api.get("/v1/users/me", "Authorization", "Bearer " + token).json().path("id").asString()).isEqualTo(payer.id());
        page(form("/wallet/login-qr/approve", "id=" + id + "&nonce=" + nonce), 409);
    }

    private Api.Response multipart(String field, String filename, String type, byte[] content) {
        String boundary = "----wallet" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf.field() + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + type
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return api.send(api.request("/wallet/pay/scan").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", cookies()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] blankPng() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
