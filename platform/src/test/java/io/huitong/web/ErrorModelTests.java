package io.huitong.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** docs/api.md "Errors" and "Authentication": every failure answers the contract's shape, with a Request-Id. */
abstract class ErrorModelTests extends ApiTestSupport {

    private static final String ECHO = "/v1/admin/test/echo";

    @Test
    void malformedJsonIsInvalidJson() {
        Api.Response response = api.postJson(ECHO, "{\"name\": \"a\",", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
    }

    @Test
    void unknownTopLevelFieldIsParameterUnknown() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\",\"colour\":\"red\"}", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "parameter_unknown", "colour");
    }

    @Test
    void aSurrogatePairIsTextButHalfAPairOrANulIsRefusedInBodiesAndQueries() {
        Api.Response pair = api.postJson(ECHO, "{\"name\":\"tea\\ud83c\\udf75\"}", "Authorization", admin());
        assertThat(pair.status()).isEqualTo(201);
        assertThat(pair.json().path("name").asString()).isEqualTo("tea\uD83C\uDF75");

        assertError(api.postJson(ECHO, "{\"name\":\"tea\\u0000\"}", "Authorization", admin()), 400, "invalid_request_error",
                "parameter_invalid", "name");
        assertError(api.postJson(ECHO, "{\"name\":\"\\ud83c\"}", "Authorization", admin()), 400, "invalid_request_error",
                "parameter_invalid", "name");
        assertError(api.get("/v1/admin/test/typed?count=1&note=%00", "Authorization", admin()), 400, "invalid_request_error",
                "parameter_invalid", null);
    }

    @Test
    void urlsTheContainerRefusesGetTheContractShapeNotItsHtmlPage() throws Exception {
        for (String path : new String[] {"/v1/payments/%00", "/v1/payments/%ff", "/v1/admin/..%2fpayments", "/v1/pay%zzments"}) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + admin()
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
                        .contains("\"type\":\"invalid_request_error\"").contains("\"request_id\":\"req_").doesNotContain("<html");
            }
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /v1/balance HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0000b\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).as("a NUL in a header").matches("(?s)HTTP/1.1 4\\d\\d.*").containsIgnoringCase("Content-Type: application/json")
                    .doesNotContain("<html");
        }
    }

    @Test
    void aFieldNamedTwiceIsInvalidJsonNotTheLastOneWins() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\",\"amount\":-5,\"amount\":1000}", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
    }

    @Test
    void wrongTypeIsParameterInvalid() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\",\"amount\":\"lots\"}", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "parameter_invalid", "amount");
    }

    @Test
    void floatAmountIsRefusedNotTruncated() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\",\"amount\":10.5}", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "parameter_invalid", "amount");
    }

    @Test
    void anAmountBeyondTheIntegersIsParameterInvalidNotInvalidJson() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\",\"amount\":9223372036854775808}", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "parameter_invalid", "amount");
        assertThat(response.body()).doesNotContain("9223372036854775808");
    }

    @Test
    void wrongQueryParameterTypeIsParameterInvalid() {
        Api.Response response = api.get("/v1/admin/test/typed?count=many", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "parameter_invalid", "count");
    }

    @Test
    void anUnknownQueryParameterOfAnyGetIsParameterUnknownNotIgnored() {
        OnboardedMerchant merchant = onboardMerchant("Query Typos", "");
        for (String path : new String[] {"/v1/refunds?statsu=failed", "/v1/events?typ=payment.succeeded", "/v1/balance?currency=CNY",
                "/v1/webhook_endpoints?limit=5&colour=red", "/v1/settlements?limit=1&stauts=paid"}) {
            String unknown = path.substring(path.lastIndexOf(path.contains("&") ? '&' : '?') + 1, path.lastIndexOf('='));
            assertError(api.get(path, "Authorization", merchant.bearer()), 400, "invalid_request_error", "parameter_unknown", unknown);
        }
        assertError(api.get("/v1/admin/merchants?limit=2&sort=name", "Authorization", admin()), 400, "invalid_request_error",
                "parameter_unknown", "sort");
        assertThat(api.get("/v1/refunds?limit=2", "Authorization", merchant.bearer()).status()).isEqualTo(200);
    }

    @Test
    void aBodySentToAnEndpointThatReadsNoneIsRefusedAndChangesNothing() {
        OnboardedMerchant merchant = onboardMerchant("Body Typos", "");
        String webhooks = api.get("/v1/webhook_endpoints", "Authorization", merchant.bearer()).body();
        // a consumer's payment code and a computer's login QR code take no body
        String consumer = consumerBearer();
        assertError(api.postJson("/v1/wallet/payment_codes", "{\"amount\":100,\"x\":1}", "Authorization", consumer), 400,
                "invalid_request_error", "parameter_unknown", "amount");
        assertThat(api.postJson("/v1/wallet/payment_codes", "{\"x\":\"\u0000\"}", "Authorization", consumer).status()).isEqualTo(400);
        assertError(api.postJson("/v1/wallet/payment_codes", "[1]", "Authorization", consumer), 400, "invalid_request_error",
                "invalid_json", null);
        assertError(api.postJson("/v1/wallet/payment_codes", "{\"x\":", "Authorization", consumer), 400, "invalid_request_error",
                "invalid_json", null);
        assertError(api.postJson("/v1/login_qr", "{\"device\":\"mine\"}"), 400, "invalid_request_error", "parameter_unknown", "device");
        assertThat(api.get("/v1/wallet/transactions", "Authorization", consumer).json().path("data")).isEmpty();
        assertThat(api.get("/v1/webhook_endpoints", "Authorization", merchant.bearer()).body()).isEqualTo(webhooks);
        // nothing, blanks or an empty object are no body
        assertThat(api.postJson("/v1/wallet/payment_codes", "", "Authorization", consumer).status()).isEqualTo(201);
        assertThat(api.postJson("/v1/wallet/payment_codes", " \n", "Authorization", consumer).status()).isEqualTo(201);
        assertThat(api.postJson("/v1/wallet/payment_codes", "{}", "Authorization", consumer).status()).isEqualTo(201);
    }

    @Test
    void missingQueryParameterIsParameterMissing() {
        Api.Response response = api.get("/v1/admin/test/typed", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "parameter_missing", "count");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        Api.Response response = api.postJson(ECHO, oversizedJson(), "Authorization", admin());

        assertError(response, 413, "invalid_request_error", "request_too_large", null);
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413AlthoughNoLengthIsDeclared() {
        byte[] body = oversizedJson().getBytes();
        HttpRequest request = api.request(ECHO)
                .header("Content-Type", "application/json")
                .header("Authorization", admin())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        assertError(api.send(request), 413, "invalid_request_error", "request_too_large", null);
    }

    @Test
    void nonJsonBodyIs415() {
        HttpRequest request = api.request(ECHO)
                .header("Content-Type", "text/plain")
                .header("Authorization", admin())
                .POST(HttpRequest.BodyPublishers.ofString("name=a"))
                .build();

        assertError(api.send(request), 415, "invalid_request_error", "unsupported_media_type", null);
    }

    @Test
    void unknownPathIs404ResourceMissing() {
        assertError(api.get("/v1/admin/nothing-here", "Authorization", admin()), 404, "invalid_request_error", "resource_missing", null);
        assertError(api.get("/nothing-here"), 404, "invalid_request_error", "resource_missing", null);
    }

    @Test
    void requestsRejectedBeforeAnyHandlerStillAnswerTheContractShape() {
        Api.Response response = api.get("/v1/admin/test/items;jsessionid=1", "Authorization", admin());

        assertError(response, 400, "invalid_request_error", "invalid_request", null);
    }

    @Test
    void wrongMethodIs405() {
        Api.Response response = api.get(ECHO, "Authorization", admin());

        assertError(response, 405, "invalid_request_error", "method_not_allowed", null);
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void missingKeyIs401() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\"}");

        assertError(response, 401, "authentication_error", "authentication_required", null);
    }

    @Test
    void wrongKeyIs401AndIsNotEchoed() {
        Api.Response response = api.postJson(ECHO, "{\"name\":\"a\"}", "Authorization", Api.bearer("hk_admin_wrong_guess"));

        assertError(response, 401, "authentication_error", "invalid_api_key", null);
        assertThat(response.body()).doesNotContain("hk_admin_wrong_guess");
    }

    @Test
    void otherApiPathsNeedAuthenticationToo() {
        assertError(api.get("/v1/test/whoami"), 401, "authentication_error", "authentication_required", null);
        assertThat(api.get("/v1/test/whoami", "Authorization", admin()).json().path("kind").asString()).isEqualTo("OPERATOR");
    }

    @Test
    void unexpectedFailureIs500WithoutItsDetails() {
        Api.Response response = api.postJson("/v1/admin/test/fail", "{\"name\":\"boom\"}", "Authorization", admin());

        assertError(response, 500, "api_error", "internal_error", null);
        assertThat(response.body()).doesNotContain("boom").doesNotContain("sk_test_secret").doesNotContain("Exception");
    }

    @Test
    void aDatabaseThatCannotBeReachedIs503WithRetryAfterWithoutItsDetails() {
        Api.Response response = api.postJson("/v1/admin/test/database-gone", "{\"name\":\"gone\"}", "Authorization", admin());

        assertError(response, 503, "api_error", "service_unavailable", null);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.body()).contains("Idempotency-Key").doesNotContain("127.0.0.1").doesNotContain("Hikari")
                .doesNotContain("Exception");
    }

    @Test
    void aFilterThatFindsNoDatabaseIs503Too() {
        Api.Response response = api.get("/v1/balance", "Authorization", "Bearer " + io.huitong.testsupport.TestEndpoints.DATABASE_GONE_KEY);

        assertError(response, 503, "api_error", "service_unavailable", null);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.body()).doesNotContain("Hikari").doesNotContain("Exception");
    }

    @Test
    void everyResponseHasARequestId() {
        String[] paths = {"/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/nothing-here", "/v1/admin/test/typed?count=1"};
        for (String path : paths) {
            assertThat(api.get(path).header("Request-Id")).as(path).matches("req_[0-9A-Z]{26}");
        }
        assertThat(api.get("/v1/admin/test/typed?count=1", "Authorization", admin()).header("Request-Id")).startsWith("req_");
        assertThat(api.get("/v1/admin/test/typed?count=1").header("Request-Id"))
                .isNotEqualTo(api.get("/v1/admin/test/typed?count=1").header("Request-Id"));
    }

    private static void assertError(Api.Response response, int status, String type, String code, String param) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.error("type")).isEqualTo(type);
        assertThat(response.error("code")).isEqualTo(code);
        assertThat(response.error("message")).isNotBlank();
        assertThat(response.error("param")).isEqualTo(param);
        assertThat(response.error("request_id")).startsWith("req_").isEqualTo(response.header("Request-Id"));
    }

    /** A consumer signed up and logged in: their {@code Authorization} header. */
    private String consumerBearer() {
        String phone = "+86139" + String.format("%08d", new java.util.Random().nextInt(100_000_000));
        String password = "Plum-blossom 2026";
        assertThat(api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + password + "\",\"name\":\"Li Lei\"}")
                .status()).isEqualTo(201);
        Api.Response session = api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + password + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        return "Bearer " + session.json().path("token").asString();
    }

    private static String oversizedJson() {
        char[] filler = new char[1024 * 1024];
        Arrays.fill(filler, 'x');
        return "{\"name\":\"" + new String(filler) + "\"}";
    }
}
