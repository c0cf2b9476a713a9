package io.huitong.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestEndpoints;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Health, metrics, API docs, lists, and who may call what. */
abstract class OperationsTests extends ApiTestSupport {

    @Test
    void healthIsUpIncludingTheDatabaseAndShowsItsDetailsToOperatorsOnly() {
        Api.Response anonymous = api.get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).as("no components, disk paths or versions for anyone").isFalse();
        assertThat(anonymous.body()).doesNotContain("path").doesNotContain("database");
        assertThat(anonymous.header("Strict-Transport-Security")).as("HSTS only on responses over HTTPS").isNull();

        Api.Response health = api.get("/actuator/health", "Authorization", admin());
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").json().path("status").asString()).isEqualTo("UP");
        Api.Response readiness = api.get("/actuator/health/readiness", "Authorization", admin());
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").has("db")).isTrue();
        assertThat(api.get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusIsForOperators() {
        assertThat(api.get("/actuator/prometheus", "Accept", "text/plain").status()).isEqualTo(401);

        Api.Response metrics = api.get("/actuator/prometheus", "Accept", "text/plain", "Authorization", admin());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(metrics.body()).as("requests are timed, with the buckets the alerting rules read")
                .contains("http_server_requests_seconds_bucket{").contains("le=\"0.3\"")
                .as("no gauge of requests in flight, which nothing reads").doesNotContain("http_server_requests_active");
    }

    @Test
    void otherActuatorEndpointsAreForOperators() {
        assertThat(api.get("/actuator/info").status()).isEqualTo(401);
        assertThat(api.get("/actuator/info", "Authorization", admin()).status()).isEqualTo(200);
    }

    @Test
    void openApiDescribesTheContract() {
        Api.Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode json = docs.json();
        assertThat(json.path("info").path("title").asString()).isEqualTo("Huitong API");
        assertThat(json.path("info").path("version").asString()).isEqualTo("1");
        assertThat(json.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        JsonNode error = json.path("components").path("schemas").path("Error").path("properties").path("error").path("properties");
        assertThat(error.propertyNames()).contains("type", "code", "message", "param", "request_id");
        JsonNode list = json.path("components").path("schemas").path("PageItem").path("properties");
        assertThat(list.propertyNames()).containsExactlyInAnyOrder("object", "data", "has_more");
    }

    /**
     * docs/reference/api.md is the reference the platform's OpenAPI description gives: {@code ./huitong docs} writes it
     * (HUITONG_WRITE_API_REFERENCE=true), and this test fails when an endpoint changed and the page was not written again.
     */
    @Test
    void theApiReferenceInTheDocsIsTheOneThePlatformDescribes() throws java.io.IOException {
        String reference = ApiReference.markdown(api.get("/v3/api-docs").json());
        java.nio.file.Path page = java.nio.file.Path.of("..", "docs", "reference", "api.md");
        if ("true".equals(System.getenv("HUITONG_WRITE_API_REFERENCE"))) {
            java.nio.file.Files.createDirectories(page.getParent());
            java.nio.file.Files.writeString(page, reference);
        }
        assertThat(reference).as("paths").contains("### `POST /v1/payments`").contains("### `GET /v1/admin/audit/verify`");
        assertThat(java.nio.file.Files.exists(page)).as("docs/reference/api.md: run ./huitong docs").isTrue();
        assertThat(java.nio.file.Files.readString(page)).as("docs/reference/api.md is out of date: run ./huitong docs")
                .isEqualTo(reference);
    }

    @Test
    void swaggerUiIsReachable() {
        Api.Response docs = api.get("/docs");
        assertThat(docs.status()).isEqualTo(302);
        String location = docs.header("Location");

        Api.Response ui = api.get(location.startsWith("http") ? location.substring(location.indexOf('/', 8)) : location, "Accept", "text/html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(docs.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(ui.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void listsAnswerTheListObject() {
        Api.Response byDefault = api.get("/v1/admin/test/items", "Authorization", admin());
        Api.Response two = api.get("/v1/admin/test/items?limit=2&starting_after=itm_9", "Authorization", admin());

        assertThat(byDefault.json().path("object").asString()).isEqualTo("list");
        assertThat(byDefault.json().path("data").size()).isEqualTo(10);
        assertThat(byDefault.json().path("has_more").asBoolean()).isTrue();
        assertThat(two.json().path("data").size()).isEqualTo(2);
        assertThat(two.json().path("data").get(0).path("created_at").isString()).isTrue();
        assertThat(two.json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void badListParametersAre400() {
        for (String query : new String[] {"limit=0", "limit=101", "limit=ten"}) {
            Api.Response response = api.get("/v1/admin/test/items?" + query, "Authorization", admin());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.error("code")).isEqualTo("parameter_invalid");
            assertThat(response.error("param")).isEqualTo("limit");
        }
        Api.Response both = api.get("/v1/admin/test/items?starting_after=a&ending_before=b", "Authorization", admin());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.error("code")).isEqualTo("parameter_invalid");
    }

    @Test
    void aMerchantMayNotUseOperatorEndpoints() {
        String merchant = Api.bearer(TestEndpoints.MERCHANT_KEY);

        Api.Response admin = api.get("/v1/admin/test/items", "Authorization", merchant);
        Api.Response own = api.get("/v1/test/whoami", "Authorization", merchant);

        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.error("type")).isEqualTo("permission_error");
        assertThat(admin.error("request_id")).isEqualTo(admin.header("Request-Id"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("kind").asString()).isEqualTo("MERCHANT");
        assertThat(own.json().path("id").asString()).isEqualTo(TestEndpoints.MERCHANT_ID);
    }

    @Test
    void noSessionCookieIsEverSet() {
        assertThat(api.get("/v1/admin/test/items", "Authorization", admin()).header("Set-Cookie")).isNull();
        assertThat(api.get("/v1/admin/test/items").header("Set-Cookie")).isNull();
    }
}
