package io.huitong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.ecny.Ecny;
import io.huitong.protocols.keys.Keys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulated e-CNY operator: SM2 signatures both ways, the test wallets, notifications, modes, the book. */
class EcnyOperatorTest extends SimulatorTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KeyPair MERCHANT = Ecny.generateKeyPair();
    private static final String MERCHANT_NO = "M1000001";
    private static PublicKey operatorKey;

    @BeforeAll
    static void register() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/channels/ecny/apps/" + MERCHANT_NO))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"public_key\":\"" + Keys.text(MERCHANT.getPublic()) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        for (JsonNode c : JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/channels")).build(),
                HttpResponse.BodyHandlers.ofString()).body())) {
            if (c.path("name").asString().equals("ecny")) {
                operatorKey = Ecny.publicKey(c.path("public_key").asString());
                assertThat(c.path("confirm_delay_ms").asLong()).isEqualTo(300);
            }
        }
        assertThat(operatorKey).isNotNull();
    }

    @AfterEach
    void healthy() {
        sim.configure(Simulator.ECNY, ChannelSettings.HEALTHY);
    }

    private static HttpResponse<String> send(String method, String path, String body, boolean badSignature, Duration timeout) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        String signature = Ecny.sign(badSignature ? Ecny.generateKeyPair().getPrivate() : MERCHANT.getPrivate(),
                Ecny.signingString(timestamp, nonce, body == null ? "" : body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.channel("ecny").url() + path)).timeout(timeout)
                .header(Ecny.HEADER_MERCHANT, MERCHANT_NO).header(Ecny.HEADER_TIMESTAMP, timestamp).header(Ecny.HEADER_NONCE, nonce)
                .header(Ecny.HEADER_SIGNATURE, signature);
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean signedByOperator(HttpResponse<String> response) {
        return Ecny.verify(operatorKey, Ecny.signingString(response.headers().firstValue(Ecny.HEADER_TIMESTAMP).orElse(""),
                response.headers().firstValue(Ecny.HEADER_NONCE).orElse(""), response.body()),
                response.headers().firstValue(Ecny.HEADER_SIGNATURE).orElse(null));
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body, false, Duration.ofSeconds(5));
        assertThat(signedByOperator(response)).as("operator's signature").isTrue();
        return JSON.readTree(response.body());
    }

    private static String order(String reference, String wallet, long amount, String notifyUrl, Instant expiry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchant_no", MERCHANT_NO);
        body.put("out_order_no", reference);
        body.put("amount", amount);
        body.put("currency", "CNY");
        body.put("payer_wallet_id", wallet);
        body.put("notify_url", notifyUrl);
        body.put("expire_time", expiry.toString());
        body.put("subject", "Tea");
        return JSON.writeValueAsString(body);
    }

    @Test
    void theTestWallets() throws Exception {
        assertThat(call("POST", Ecny.ORDERS_PATH, order(ref(), "0210000000000002", 100, null, Instant.now().plusSeconds(60))).path("code").asString())
                .isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(call("POST", Ecny.ORDERS_PATH, order(ref(), "0210000000000010", 100, null, Instant.now().plusSeconds(60))).path("code").asString())
                .isEqualTo("WALLET_NOT_FOUND");
        assertThat(call("POST", Ecny.ORDERS_PATH, order(ref(), "02100000000001", 100, null, Instant.now().plusSeconds(60))).path("code").asString())
                .as("15 digits").isEqualTo("INVALID_REQUEST");
        assertThat(sim.book("ecny").stream().filter(e -> e.get("kind").equals("payment")).toList())
                .allSatisfy(e -> assertThat(String.valueOf(e.get("payer_wallet"))).startsWith("************"));
    }

    @Test
    void thePayerConfirmsTheOperatorNotifiesAndTheOrderIsRefunded() throws Exception {
        try (NotifyInbox inbox = new NotifyInbox("{\"code\":\"SUCCESS\"}")) {
            String reference = ref();
            String body = order(reference, "0210000000001234", 2500, inbox.url(), Instant.now().plusSeconds(60));
            JsonNode created = call("POST", Ecny.ORDERS_PATH, body);
            assertThat(created.path("status").asString()).isEqualTo("WAITING_CONFIRM");
            assertThat(call("POST", Ecny.ORDERS_PATH, body).path("order_no").asString()).as("re-sent").isEqualTo(created.path("order_no").asString());

            NotifyInbox.Received notification = inbox.next(Duration.ofSeconds(5));
            assertThat(notification).isNotNull();
            assertThat(Ecny.verify(operatorKey, Ecny.signingString(notification.header(Ecny.HEADER_TIMESTAMP), notification.header(Ecny.HEADER_NONCE),
                    notification.body()), notification.header(Ecny.HEADER_SIGNATURE))).isTrue();
            assertThat(JSON.readTree(notification.body()).path("status").asString()).isEqualTo("PAID");
            assertThat(call("GET", Ecny.ORDERS_PATH + "/" + reference, null).path("status").asString()).isEqualTo("PAID");
            assertThat(call("POST", Ecny.ORDERS_PATH + "/" + reference + "/close", "{}").path("code").asString()).isEqualTo("ORDER_PAID");

            String refund = "re_" + reference.substring(4);
            String refundBody = JSON.writeValueAsString(Map.of("out_refund_no", refund, "out_order_no", reference, "amount", 500));
            assertThat(call("POST", Ecny.REFUNDS_PATH, refundBody).path("status").asString()).isEqualTo("REFUNDED");
            assertThat(call("POST", Ecny.REFUNDS_PATH, refundBody).path("status").asString()).as("re-sent").isEqualTo("REFUNDED");
            assertThat(call("GET", Ecny.REFUNDS_PATH + "/" + refund, null).path("amount").asLong()).isEqualTo(500);
            assertThat(call("POST", Ecny.REFUNDS_PATH, JSON.writeValueAsString(Map.of("out_refund_no", refund + "x", "out_order_no", reference,
                    "amount", 2001))).path("code").asString()).isEqualTo("REFUND_EXCEEDS_PAYMENT");
            assertThat(sim.book("ecny")).anySatisfy(e -> assertThat(e).containsEntry("reference", reference).containsEntry("status", "PAID")
                    .containsEntry("refunded", 500L).containsEntry("payer_wallet", "************1234").containsEntry("acknowledged", true));
        }
    }

    @Test
    void thePayerWhoNeverConfirmsLetsTheOrderExpire() throws Exception {
        try (NotifyInbox inbox = new NotifyInbox("{\"code\":\"SUCCESS\"}")) {
            String reference = ref();
            call("POST", Ecny.ORDERS_PATH, order(reference, "0210000000000028", 100, inbox.url(), Instant.now().plusMillis(800)));
            NotifyInbox.Received closed = inbox.next(Duration.ofSeconds(5));
            assertThat(closed).isNotNull();
            JsonNode order = JSON.readTree(closed.body());
            assertThat(order.path("status").asString()).isEqualTo("CLOSED");
            assertThat(order.path("close_reason").asString()).isEqualTo("EXPIRED");
        }
    }

    @Test
    void aMerchantClosesAnOpenOrder() throws Exception {
        String reference = ref();
        call("POST", Ecny.ORDERS_PATH, order(reference, "0210000000000028", 100, null, Instant.now().plusSeconds(60)));
        assertThat(call("POST", Ecny.ORDERS_PATH + "/" + reference + "/close", "{}").path("status").asString()).isEqualTo("CLOSED");
        assertThat(call("GET", Ecny.ORDERS_PATH + "/" + ref(), null).path("code").asString()).isEqualTo("ORDER_NOT_FOUND");
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        HttpResponse<String> response = send("POST", Ecny.ORDERS_PATH, order(ref(), "0210000000001234", 100, null, Instant.now().plusSeconds(60)), true,
                Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void modes() throws Exception {
        String reference = ref();
        String body = order(reference, "0210000000000028", 100, null, Instant.now().plusSeconds(60));
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.DOWN, 0, 0));
        assertThat(send("POST", Ecny.ORDERS_PATH, body, false, Duration.ofSeconds(5)).statusCode()).isEqualTo(503);
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.ERROR, 0, 0));
        HttpResponse<String> error = send("POST", Ecny.ORDERS_PATH, body, false, Duration.ofSeconds(5));
        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(signedByOperator(error)).isTrue();
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        Assertions.assertThrows(HttpTimeoutException.class, () -> send("POST", Ecny.ORDERS_PATH, body, false, Duration.ofMillis(300)));
        sim.configure(Simulator.ECNY, new ChannelSettings(Mode.LATE_APPROVE, 400, 0));
        Assertions.assertThrows(HttpTimeoutException.class, () -> send("POST", Ecny.ORDERS_PATH, body, false, Duration.ofMillis(200)));
        sim.configure(Simulator.ECNY, ChannelSettings.HEALTHY);
        assertThat(call("GET", Ecny.ORDERS_PATH + "/" + reference, null).path("status").asString()).isEqualTo("WAITING_CONFIRM");
    }

    @Test
    void theConfirmDelayIsSettable() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/ecny/settings"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"confirm_delay_ms\":50}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).path("confirm_delay_ms").asLong()).isEqualTo(50);
        HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/ecny/settings"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"confirm_delay_ms\":300}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
