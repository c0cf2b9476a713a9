package io.huitong.web.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.events.EventLog;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/api.md "Events and webhooks", over HTTP: endpoints, the SSRF rules, signed deliveries with retries, events, isolation. */
@TestPropertySource(properties = "huitong.webhooks.poll-interval=100ms")
abstract class WebhookApiTests extends ApiTestSupport {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    MutableClock clock;
    @Autowired
    EventLog eventLog;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    /** What a payment module would pass: its API view, serialized by the platform's JSON rules. */
    record PaymentView(String id, String object, long amount, long amountReceived, String currency, String status) {
    }

    record Merchant(String id, String key) {
        String auth() {
            return Api.bearer(key);
        }
    }

    private Merchant onboard() {
        Api.Response created = api.postJson("/v1/admin/merchants",
                "{\"name\":\"Tea House\",\"email\":\"ops@tea.example\",\"default_currency\":\"CNY\"}", "Authorization", admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Merchant(created.json().path("id").asString(), created.json().path("secret_key").asString());
    }

    /** Merchants get test keys only, so far; a live key is given to the merchant here, as identity would store it. */
    private Merchant live(Merchant merchant) throws Exception {
        String key = "sk_live_" + UUID.randomUUID().toString().replace("-", "");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        jdbc.sql("insert into merchant_key (id, merchant_id, key_hash, mode, created_at) values (?, ?, ?, 'live', ?)")
                .params("mk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), merchant.id(), hash,
                        clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
        return new Merchant(merchant.id(), key);
    }

    private Api.Response createEndpoint(Merchant merchant, String body) {
        return api.postJson("/v1/webhook_endpoints", body, "Authorization", merchant.auth());
    }

    private Api.Response createEndpoint(Merchant merchant, String url, String enabledEvents) {
        return createEndpoint(merchant, "{\"url\":\"" + url + "\",\"enabled_events\":" + enabledEvents + "}");
    }

    private String record(Merchant merchant, String type, PaymentView payment) {
        return new TransactionTemplate(transactions).execute(s -> eventLog.record(merchant.id(), type, payment));
    }

    private JsonNode deliveries(Merchant merchant, String endpointId) {
        Api.Response response = api.get("/v1/webhook_endpoints/" + endpointId + "/deliveries", "Authorization", merchant.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("data");
    }

    private JsonNode awaitDelivery(Merchant merchant, String endpointId, Predicate<JsonNode> until) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode data = deliveries(merchant, endpointId);
            if (data.size() == 1 && until.test(data.get(0))) {
                return data.get(0);
            }
            assertThat(System.nanoTime()).as("delivery never reached the expected state: " + data).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anEndpointIsCreatedWithItsSecretShownOnceListedAndDeleted() {
        Merchant merchant = onboard();

        Api.Response created = createEndpoint(merchant, "{\"url\":\"http://127.0.0.1:9/hooks\","
                + "\"enabled_events\":[\"payment.succeeded\",\"refund.failed\",\"payment.succeeded\"],\"description\":\"orders\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode endpoint = created.json();
        String id = endpoint.path("id").asString();
        assertThat(id).startsWith("we_");
        assertThat(endpoint.path("object").asString()).isEqualTo("webhook_endpoint");
        assertThat(endpoint.path("url").asString()).isEqualTo("http://127.0.0.1:9/hooks");
        assertThat(endpoint.path("enabled_events").values()).extracting(JsonNode::asString)
                .containsExactly("payment.succeeded", "refund.failed");
        assertThat(endpoint.path("description").asString()).isEqualTo("orders");
        assertThat(endpoint.path("status").asString()).isEqualTo("enabled");
        assertThat(endpoint.path("livemode").asBoolean()).isFalse();
        assertThat(endpoint.path("secret").asString()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(Instant.parse(endpoint.path("created_at").asString())).isNotNull();

        Api.Response fetched = api.get("/v1/webhook_endpoints/" + id, "Authorization", merchant.auth());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).doesNotContain("secret").doesNotContain(endpoint.path("secret").asString());
        assertThat(fetched.json().path("url").asString()).isEqualTo("http://127.0.0.1:9/hooks");
        Api.Response list = api.get("/v1/webhook_endpoints", "Authorization", merchant.auth());
        assertThat(list.json().path("object").asString()).isEqualTo("list");
        assertThat(list.json().path("data").values()).extracting(e -> e.path("id").asString()).containsExactly(id);
        assertThat(list.body()).doesNotContain("whsec_");

        Api.Response deleted = api.send(api.request("/v1/webhook_endpoints/" + id).DELETE().header("Authorization", merchant.auth()).build());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("status").asString()).isEqualTo("deleted");
        assertThat(api.get("/v1/webhook_endpoints/" + id, "Authorization", merchant.auth()).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhook_endpoints", "Authorization", merchant.auth()).json().path("data").size()).isZero();
        Api.Response again = api.send(api.request("/v1/webhook_endpoints/" + id).DELETE().header("Authorization", merchant.auth()).build());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error("code")).isEqualTo("resource_missing");
    }

    @Test
    void badEndpointRequestsAreRefusedAndCreateNothing() {
        Merchant merchant = onboard();
        String[][] cases = {
            {"{\"enabled_events\":[\"*\"]}", "parameter_missing", "url"},
            {"{\"url\":\"\",\"enabled_events\":[\"*\"]}", "parameter_missing", "url"},
            {"{\"url\":\"not a url\",\"enabled_events\":[\"*\"]}", "parameter_invalid", "url"},
            {"{\"url\":\"ftp://127.0.0.1/hooks\",\"enabled_events\":[\"*\"]}", "parameter_invalid", "url"},
            {"{\"url\":\"http://user:pw@127.0.0.1/hooks\",\"enabled_events\":[\"*\"]}", "parameter_invalid", "url"},
            {"{\"url\":\"http://127.0.0.1/" + "x".repeat(2100) + "\",\"enabled_events\":[\"*\"]}", "parameter_invalid", "url"},
            {"{\"url\":42,\"enabled_events\":[\"*\"]}", "parameter_invalid", "url"},
            {"{\"url\":\"http://127.0.0.1/hooks\"}", "parameter_missing", "enabled_events"},
            {"{\"url\":\"http://127.0.0.1/hooks\",\"enabled_events\":[]}", "parameter_missing", "enabled_events"},
            {"{\"url\":\"http://127.0.0.1/hooks\",\"enabled_events\":[\"payment.exploded\"]}", "parameter_invalid", "enabled_events"},
            {"{\"url\":\"http://127.0.0.1/hooks\",\"enabled_events\":[null]}", "parameter_invalid", "enabled_events"},
            {"{\"url\":\"http://127.0.0.1/hooks\",\"enabled_events\":\"payment.succeeded\"}", "parameter_invalid", "enabled_events"},
            {"{\"url\":\"http://127.0.0.1/hooks\",\"enabled_events\":[\"*\"],\"description\":\"" + "d".repeat(1001) + "\"}",
                "parameter_invalid", "description"},
            {"{\"url\":\"http://127.0.0.1/hooks\",\"enabled_events\":[\"*\"],\"colour\":\"red\"}", "parameter_unknown", "colour"},
            {"{\"url\":\"http://127.0.0.1/hooks\",", "invalid_json", null},
        };
        for (String[] c : cases) {
            Api.Response response = createEndpoint(merchant, c[0]);
            assertThat(response.status()).as(c[0]).isEqualTo(400);
            assertThat(response.error("type")).isEqualTo("invalid_request_error");
            assertThat(response.error("code")).as(c[0]).isEqualTo(c[1]);
            assertThat(response.error("param")).as(c[0]).isEqualTo(c[2]);
            assertThat(response.error("request_id")).isEqualTo(response.header("Request-Id"));
        }
        assertThat(api.get("/v1/webhook_endpoints", "Authorization", merchant.auth()).json().path("data").size()).isZero();
    }

    @Test
    void endpointsMayNotPointIntoPrivateNetworksAndLiveModeNeedsHttpsOnAPublicAddress() throws Exception {
        Merchant test = onboard();
        Merchant live = live(onboard());
        for (String url : List.of("http://10.0.0.5/hooks", "http://169.254.169.254/latest/meta-data", "http://192.168.1.10/hooks",
                "http://172.16.0.1/hooks", "http://[fd00::1]/hooks", "http://0.0.0.0:8080/hooks")) {
            Api.Response refused = createEndpoint(test, url, "[\"*\"]");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.error("code")).isEqualTo("parameter_invalid");
            assertThat(refused.error("param")).isEqualTo("url");
        }
        for (String url : List.of("http://203.0.113.7/hooks", "https://10.1.2.3/hooks", "https://169.254.169.254/hooks",
                "https://127.0.0.1/hooks", "https://localhost:8443/hooks", "http://127.0.0.1:9/hooks")) {
            Api.Response refused = createEndpoint(live, url, "[\"*\"]");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.error("param")).isEqualTo("url");
        }
        assertThat(createEndpoint(live, "http://203.0.113.7/hooks", "[\"*\"]").error("message")).contains("https");
        assertThat(api.get("/v1/webhook_endpoints", "Authorization", test.auth()).json().path("data").size()).isZero();
        assertThat(api.get("/v1/webhook_endpoints", "Authorization", live.auth()).json().path("data").size()).isZero();

        Api.Response local = createEndpoint(test, "http://127.0.0.1:9/hooks", "[\"*\"]");
        assertThat(local.status()).as("test mode: loopback over http, for local development").isEqualTo(201);
        // a public https address is fine in live mode; 203.0.113.0/24 is a documentation range, nothing is ever sent there
        Api.Response publicHttps = createEndpoint(live, "https://203.0.113.7/hooks", "[\"payment.succeeded\"]");
        assertThat(publicHttps.status()).as(publicHttps.body()).isEqualTo(201);
        assertThat(publicHttps.json().path("livemode").asBoolean()).isTrue();
        api.send(api.request("/v1/webhook_endpoints/" + publicHttps.json().path("id").asString()).DELETE()
                .header("Authorization", live.auth()).build());
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameEventAndAValidSignatureUntilItIsAccepted() {
        Merchant merchant = onboard();
        try (WebhookReceiver receiver = WebhookReceiver.start().answer(500)) {
            Api.Response endpoint = createEndpoint(merchant, receiver.url(), "[\"payment.succeeded\"]");
            String endpointId = endpoint.json().path("id").asString();
            String secret = endpoint.json().path("secret").asString();

            String eventId = record(merchant, "payment.succeeded", new PaymentView("pay_1", "payment", 1_000, 1_000, "CNY", "succeeded"));

            receiver.await(1, WAIT);
            JsonNode first = awaitDelivery(merchant, endpointId, d -> d.path("attempts").asInt() == 1);
            assertThat(first.path("id").asString()).startsWith("whd_");
            assertThat(first.path("object").asString()).isEqualTo("webhook_delivery");
            assertThat(first.path("event").asString()).isEqualTo(eventId);
            assertThat(first.path("type").asString()).isEqualTo("payment.succeeded");
            assertThat(first.path("status").asString()).isEqualTo("pending");
            assertThat(first.path("last_status_code").asInt()).isEqualTo(500);
            Instant attempted = Instant.parse(first.path("last_attempt_at").asString());
            assertThat(Instant.parse(first.path("next_attempt_at").asString())).isEqualTo(attempted.plusSeconds(10));
            assertThat(receiver.received()).as("nothing more before the backoff is over").hasSize(1);

            clock.advance(Duration.ofSeconds(10));

            List<WebhookReceiver.Received> requests = receiver.await(2, WAIT);
            JsonNode delivered = awaitDelivery(merchant, endpointId, d -> d.path("status").asString().equals("delivered"));
            assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
            assertThat(delivered.path("next_attempt_at").isNull()).isTrue();
            assertThat(delivered.path("attempt_history").values()).extracting(a -> a.path("status_code").asInt()).containsExactly(500, 200);
            assertThat(delivered.path("attempt_history").get(0).path("duration_ms").asLong()).isNotNegative();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).body()).as("the same event, byte for byte").isEqualTo(requests.get(0).body());
            for (WebhookReceiver.Received request : requests) {
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                long t = WebhookReceiver.verifiedTimestamp(request.header("Huitong-Signature"), secret, request.body());
                assertThat(t).isCloseTo(clock.instant().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
            }

            JsonNode body = PLAIN.readTree(requests.get(0).body());
            assertThat(body.path("id").asString()).isEqualTo(eventId);
            assertThat(body.path("object").asString()).isEqualTo("event");
            assertThat(body.path("type").asString()).isEqualTo("payment.succeeded");
            assertThat(body.path("data").path("object").path("amount_received").asLong()).isEqualTo(1_000);
            assertThat(body.path("data").path("object").path("currency").asString()).isEqualTo("CNY");
            Api.Response event = api.get("/v1/events/" + eventId, "Authorization", merchant.auth());
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.json()).as("GET /v1/events/{id} answers what the webhook carried").isEqualTo(body);
        }
    }

    @Test
    void eventsAreListedNewestFirstAndFilteredByType() {
        Merchant merchant = onboard();
        List<String> ids = new ArrayList<>();
        for (String type : List.of("payment.succeeded", "payment.failed", "refund.succeeded", "payment.succeeded")) {
            ids.add(record(merchant, type, new PaymentView("pay_" + ids.size(), "payment", 500, 0, "CNY", "x")));
            clock.advance(Duration.ofMillis(5));
        }

        Api.Response all = api.get("/v1/events", "Authorization", merchant.auth());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("data").values()).extracting(e -> e.path("id").asString())
                .containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(all.json().path("has_more").asBoolean()).isFalse();
        JsonNode newest = all.json().path("data").get(0);
        assertThat(newest.path("object").asString()).isEqualTo("event");
        assertThat(newest.path("data").path("object").path("id").asString()).isEqualTo("pay_3");

        Api.Response succeeded = api.get("/v1/events?type=payment.succeeded", "Authorization", merchant.auth());
        assertThat(succeeded.json().path("data").values()).extracting(e -> e.path("id").asString()).containsExactly(ids.get(3), ids.get(0));

        Api.Response page = api.get("/v1/events?limit=2", "Authorization", merchant.auth());
        assertThat(page.json().path("has_more").asBoolean()).isTrue();
        Api.Response next = api.get("/v1/events?limit=2&starting_after=" + ids.get(2), "Authorization", merchant.auth());
        assertThat(next.json().path("data").values()).extracting(e -> e.path("id").asString()).containsExactly(ids.get(1), ids.get(0));
        assertThat(next.json().path("has_more").asBoolean()).isFalse();
        Api.Response back = api.get("/v1/events?limit=2&ending_before=" + ids.get(1), "Authorization", merchant.auth());
        assertThat(back.json().path("data").values()).extracting(e -> e.path("id").asString()).containsExactly(ids.get(3), ids.get(2));

        Api.Response badType = api.get("/v1/events?type=payment.exploded", "Authorization", merchant.auth());
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.error("code")).isEqualTo("parameter_invalid");
        assertThat(badType.error("param")).isEqualTo("type");
        assertThat(api.get("/v1/events/evt_missing", "Authorization", merchant.auth()).status()).isEqualTo(404);
    }

    @Test
    void aMerchantSeesNeitherAnotherMerchantsEventsNorItsEndpoints() {
        Merchant owner = onboard();
        Merchant other = onboard();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String endpointId = createEndpoint(owner, receiver.url(), "[\"*\"]").json().path("id").asString();
            String eventId = record(owner, "payout.paid", new PaymentView("po_1", "payout", 100, 100, "CNY", "paid"));
            receiver.await(1, WAIT);

            for (String path : List.of("/v1/events/" + eventId, "/v1/webhook_endpoints/" + endpointId,
                    "/v1/webhook_endpoints/" + endpointId + "/deliveries")) {
                Api.Response response = api.get(path, "Authorization", other.auth());
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.error("code")).isEqualTo("resource_missing");
                assertThat(response.body()).doesNotContain(owner.id());
            }
            Api.Response delete = api.send(api.request("/v1/webhook_endpoints/" + endpointId).DELETE()
                    .header("Authorization", other.auth()).build());
            assertThat(delete.status()).isEqualTo(404);
            assertThat(api.get("/v1/events", "Authorization", other.auth()).json().path("data").size()).isZero();
            assertThat(api.get("/v1/webhook_endpoints", "Authorization", other.auth()).json().path("data").size()).isZero();
            assertThat(api.get("/v1/webhook_endpoints/" + endpointId, "Authorization", owner.auth()).status())
                    .as("still there for its owner").isEqualTo(200);
            assertThat(api.get("/v1/events/" + eventId, "Authorization", owner.auth()).status()).isEqualTo(200);

            Api.Response operator = api.get("/v1/events", "Authorization", admin());
            assertThat(operator.status()).as("events belong to merchants").isEqualTo(403);
            assertThat(operator.error("type")).isEqualTo("permission_error");
            assertThat(api.get("/v1/events").status()).isEqualTo(401);
        }
    }

    @Test
    void theApiDescriptionHasTheEndpointsAndRabbitMqStaysOffWithoutAUrl() {
        JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        assertThat(paths.propertyNames()).contains("/v1/webhook_endpoints", "/v1/webhook_endpoints/{id}",
                "/v1/webhook_endpoints/{id}/deliveries", "/v1/events", "/v1/events/{id}");
        assertThat(paths.path("/v1/webhook_endpoints").has("post")).isTrue();
        assertThat(paths.path("/v1/webhook_endpoints/{id}").has("delete")).isTrue();

        assertThat(context.containsBean("rabbitEventPublisher")).isFalse();
        JsonNode health = api.get("/actuator/health", "Authorization", admin()).json();
        assertThat(health.path("components").has("db")).isTrue();
        assertThat(health.path("components").has("rabbit")).isFalse();
    }
}
