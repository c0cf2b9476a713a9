package io.huitong.web.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Checkout sessions and coupons over HTTP: what a merchant creates and reads, and what bad input gets. */
abstract class CheckoutApiTests extends ApiTestSupport {

    static final String SESSION = "{\"amount\":12800,\"currency\":\"CNY\",\"description\":\"Tea set\",\"line_items\":["
            + "{\"name\":\"Teapot\",\"quantity\":1,\"amount\":8800},{\"name\":\"Cup\",\"quantity\":4,\"amount\":1000}],"
            + "\"success_url\":\"https://shop.example/thanks?s={CHECKOUT_SESSION_ID}\",\"cancel_url\":\"https://shop.example/cart\","
            + "\"metadata\":{\"order_id\":\"42\"}}";

    OnboardedMerchant merchant;
    OnboardedMerchant other;

    @BeforeEach
    void merchants() {
        merchant = onboardMerchant("Tea House " + UUID.randomUUID().toString().substring(0, 6), "");
        other = onboardMerchant("Other " + UUID.randomUUID().toString().substring(0, 6), "");
    }

    Api.Response post(OnboardedMerchant m, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = m.bearer();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.postJson(path, body, all);
    }

    @Test
    void aSessionIsCreatedOpenWithItsPageAndReadOnlyByItsMerchant() {
        Api.Response created = post(merchant, "/v1/checkout/sessions", SESSION);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode s = created.json();
        String id = s.path("id").asString();
        assertThat(id).startsWith("cs_");
        assertThat(s.path("object").asString()).isEqualTo("checkout.session");
        assertThat(s.path("status").asString()).isEqualTo("open");
        assertThat(s.path("url").asString()).isEqualTo("http://localhost:" + port + "/checkout/" + id);
        assertThat(s.path("amount").asLong()).isEqualTo(12800);
        assertThat(s.path("amount_total").asLong()).isEqualTo(12800);
        assertThat(s.path("amount_discount").asLong()).isZero();
        assertThat(s.path("line_items").size()).isEqualTo(2);
        assertThat(s.path("line_items").get(1).path("quantity").asLong()).isEqualTo(4);
        assertThat(s.path("allowed_methods").toString()).isEqualTo("[\"card\",\"qr\",\"wallet\",\"ecny\",\"bank_transfer\"]");
        assertThat(s.path("payment").isNull()).isTrue();
        assertThat(s.path("metadata").path("order_id").asString()).isEqualTo("42");
        assertThat(s.path("success_url").asString()).isEqualTo("https://shop.example/thanks?s={CHECKOUT_SESSION_ID}");

        Api.Response read = api.get("/v1/checkout/sessions/" + id, "Authorization", merchant.bearer());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("id").asString()).isEqualTo(id);

        Api.Response theirs = api.get("/v1/checkout/sessions/" + id, "Authorization", other.bearer());
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.error("type")).isEqualTo("invalid_request_error");
        assertThat(theirs.error("code")).isEqualTo("resource_missing");

        Api.Response list = api.get("/v1/checkout/sessions?limit=5", "Authorization", merchant.bearer());
        assertThat(list.json().path("data").get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/v1/checkout/sessions", "Authorization", other.bearer()).json().path("data").size()).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstSessionAndAnotherBodyIsRefused() {
        Api.Response first = post(merchant, "/v1/checkout/sessions", SESSION, "Idempotency-Key", "order-42");
        Api.Response again = post(merchant, "/v1/checkout/sessions", SESSION, "Idempotency-Key", "order-42");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        Api.Response changed = post(merchant, "/v1/checkout/sessions", SESSION.replace("12800", "12801"), "Idempotency-Key", "order-42");
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.error("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void badSessionsAreRefusedInTheContractsShapeNamingTheField() {
        refused("{\"currency\":\"CNY\",\"success_url\":\"https://a.example\",\"cancel_url\":\"https://a.example\"}", "amount",
                "parameter_missing");
        refused(SESSION.replace("12800", "\"lots\""), "amount", null);
        refused(SESSION.replace("12800", "-5"), "amount", "parameter_invalid");
        refused(SESSION.replace("12800", "12.5"), "amount", null);
        refused(SESSION.replace("\"CNY\"", "\"XXX\""), "currency", "parameter_invalid");
        refused(SESSION.replace("12800", "12000"), "line_items", "parameter_invalid");
        refused(SESSION.replace("Tea set", "Tea\\u0000set"), "description", "parameter_invalid");
        refused(SESSION.replace("Teapot", "Tea\\u0000pot"), "line_items[0].name", "parameter_invalid");
        refused(SESSION.replace("https://shop.example/cart", "javascript:alert(1)"), "cancel_url", "parameter_invalid");
        refused(SESSION.replace("https://shop.example/cart", "https://shop.example/\\u0000"), "cancel_url", "parameter_invalid");
        refused(SESSION.replace("\"metadata\"", "\"expires_in\":10,\"metadata\""), "expires_in", "parameter_invalid");
        refused(SESSION.replace("\"metadata\"", "\"allowed_methods\":[\"bitcoin\"],\"metadata\""), "allowed_methods", "parameter_invalid");
        refused(SESSION.replace("\"CNY\"", "\"USD\"").replace("\"metadata\"", "\"allowed_methods\":[\"ecny\"],\"metadata\""),
                "allowed_methods", "parameter_invalid");
        refused(SESSION.replace("\"metadata\"", "\"colour\":\"red\",\"metadata\""), null, "parameter_unknown");
        refused(SESSION.replace("{\"order_id\":\"42\"}", "{\"order_id\":42}"), null, null);
        refused(SESSION.replace("\"quantity\":1", "\"quantity\":0"), "line_items.quantity", "parameter_invalid");
        refused(SESSION.replace("\"quantity\":1", "\"quantity\":99999999999999999999"), null, null);

        for (String garbage : new String[]{"{", "[]", "null", "\"x\"", "{\"amount\":}", "\u0000", ""}) {
            Api.Response r = post(merchant, "/v1/checkout/sessions", garbage);
            assertThat(r.status()).as(garbage + " → " + r.body()).isBetween(400, 499);
            assertThat(r.error("type")).as(r.body()).isEqualTo("invalid_request_error");
        }
        for (String id : new String[]{"cs_%00", "cs_unknown", "%E4%B8%AD", "cs_" + "x".repeat(300)}) {
            Api.Response r = api.get("/v1/checkout/sessions/" + id, "Authorization", merchant.bearer());
            assertThat(r.status()).as(id + " → " + r.body()).isBetween(400, 499);
            assertThat(r.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void theOpenApiDescriptionHasTheCheckoutApiButNotThePages() {
        JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        assertThat(paths.propertyNames()).contains("/v1/checkout/sessions", "/v1/checkout/sessions/{id}", "/v1/coupons", "/v1/coupons/{id}");
        assertThat(paths.propertyNames()).noneMatch(p -> p.startsWith("/checkout/") || p.startsWith("/pay/"));
        assertThat(paths.path("/v1/checkout/sessions").path("post").path("tags").get(0).asString()).isEqualTo("Checkout");
    }

    @Test
    void onlyMerchantsUseTheCheckoutApi() {
        assertThat(api.postJson("/v1/checkout/sessions", SESSION).status()).isEqualTo(401);
        assertThat(api.get("/v1/coupons", "Authorization", admin()).status()).isEqualTo(403);
    }

    @Test
    void couponsAreCreatedAndReadByTheirMerchantOnly() {
        Api.Response created = post(merchant, "/v1/coupons", "{\"code\":\"spring-10\",\"percent_off\":10,\"max_redemptions\":100,"
                + "\"valid_until\":\"2099-01-01T00:00:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.path("id").asString()).startsWith("cpn_");
        assertThat(c.path("object").asString()).isEqualTo("coupon");
        assertThat(c.path("code").asString()).isEqualTo("SPRING-10");
        assertThat(c.path("percent_off").asInt()).isEqualTo(10);
        assertThat(c.path("times_redeemed").asInt()).isZero();
        assertThat(c.path("valid_until").asString()).startsWith("2099-01-01T00:00");

        Api.Response again = post(merchant, "/v1/coupons", "{\"code\":\"SPRING-10\",\"amount_off\":500,\"currency\":\"CNY\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("coupon_code_taken");
        assertThat(post(other, "/v1/coupons", "{\"code\":\"SPRING-10\",\"amount_off\":500,\"currency\":\"CNY\"}").status()).isEqualTo(201);

        String id = c.path("id").asString();
        assertThat(api.get("/v1/coupons/" + id, "Authorization", merchant.bearer()).status()).isEqualTo(200);
        assertThat(api.get("/v1/coupons/" + id, "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/v1/coupons", "Authorization", merchant.bearer()).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void badCouponsAreRefusedNamingTheField() {
        couponRefused("{\"percent_off\":10}", "code");
        couponRefused("{\"code\":\"A B\",\"percent_off\":10}", "code");
        couponRefused("{\"code\":\"A\\u0000B\",\"percent_off\":10}", "code");
        couponRefused("{\"code\":\"NONE\"}", "amount_off");
        couponRefused("{\"code\":\"BOTH\",\"percent_off\":10,\"amount_off\":100,\"currency\":\"CNY\"}", "percent_off");
        couponRefused("{\"code\":\"ALL\",\"percent_off\":100}", "percent_off");
        couponRefused("{\"code\":\"NOCUR\",\"amount_off\":100}", "currency");
        couponRefused("{\"code\":\"WHEN\",\"percent_off\":5,\"valid_until\":\"tomorrow\"}", "valid_until");
        couponRefused("{\"code\":\"BACK\",\"percent_off\":5,\"valid_from\":\"2030-01-01T00:00:00Z\",\"valid_until\":\"2029-01-01T00:00:00Z\"}",
                "valid_until");
        couponRefused("{\"code\":\"MAX\",\"percent_off\":5,\"max_redemptions\":0}", "max_redemptions");
        Api.Response typed = post(merchant, "/v1/coupons", "{\"code\":\"TYPE\",\"percent_off\":\"ten\"}");
        assertThat(typed.status()).as(typed.body()).isEqualTo(400);
        assertThat(typed.error("type")).isEqualTo("invalid_request_error");
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.huitong.testsupport.MutableClock clock;

    @Test
    void aSessionPastItsExpiryIsExpiredAndItsPageSaysSo() {
        String id = post(merchant, "/v1/checkout/sessions", SESSION.replace("\"metadata\"", "\"expires_in\":300,\"metadata\""))
                .json().path("id").asString();
        clock.advance(java.time.Duration.ofMinutes(6));
        try {
            assertThat(api.get("/v1/checkout/sessions/" + id, "Authorization", merchant.bearer()).json().path("status").asString())
                    .isEqualTo("expired");
            Api.Response page = api.get("/checkout/" + id + "/result", "Accept", "text/html");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("data-outcome=\"expired\"").contains("https://shop.example/cart");
        } finally {
            clock.reset();
        }
    }

    @Test
    void thePagesAnswerStrangeRequestsWithA4xxNeverA5xx() {
        String id = post(merchant, "/v1/checkout/sessions", SESSION).json().path("id").asString();
        Api.Response page = api.get("/checkout/" + id, "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("form-action 'self'");
        assertThat(page.body()).contains("autocomplete=\"cc-number\"").contains("name=\"_csrf\"");

        assertThat(api.get("/checkout/cs_unknown", "Accept", "text/html").status()).isEqualTo(404);
        assertThat(api.get("/checkout/cs_unknown/result", "Accept", "text/html").status()).isEqualTo(404);
        assertThat(api.get("/checkout/cs_unknown/qr.png", "Accept", "image/png").status()).isEqualTo(404);
        assertThat(api.get("/checkout/" + id + "/qr.png", "Accept", "image/png").status()).isEqualTo(404);
        assertThat(api.get("/checkout/%00", "Accept", "text/html").status()).isBetween(400, 499);
        assertThat(api.get("/checkout/" + "x".repeat(5000), "Accept", "text/html").status()).isBetween(400, 499);
        // a form posted from elsewhere carries no CSRF token
        Api.Response forged = api.postForm("/checkout/" + id + "/card", "number=4242424242424242&expiry=12%2F34&cvc=123");
        assertThat(forged.status()).isEqualTo(403);
        for (String body : new String[]{"%00", "number=%FF%FE", "a=" + "b".repeat(100)}) {
            Api.Response r = api.postForm("/checkout/" + id + "/coupon", body);
            assertThat(r.status()).as(body).isBetween(400, 499);
        }
        assertThat(api.get("/v1/checkout/sessions/" + id, "Authorization", merchant.bearer()).json().path("status").asString())
                .isEqualTo("open");
    }

    private void refused(String body, String param, String code) {
        Api.Response r = post(merchant, "/v1/checkout/sessions", body);
        assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        assertThat(r.error("type")).isEqualTo("invalid_request_error");
        if (param != null) {
            assertThat(r.error("param")).as(r.body()).isEqualTo(param);
        }
        if (code != null) {
            assertThat(r.error("code")).as(r.body()).isEqualTo(code);
        }
        assertThat(r.error("request_id")).startsWith("req_");
    }

    private void couponRefused(String body, String param) {
        Api.Response r = post(merchant, "/v1/coupons", body);
        assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        assertThat(r.error("type")).isEqualTo("invalid_request_error");
        assertThat(r.error("param")).as(r.body()).isEqualTo(param);
    }
}
