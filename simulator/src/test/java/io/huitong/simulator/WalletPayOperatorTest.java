package io.huitong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.keys.Keys;
import io.huitong.protocols.walletpay.WalletPay;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulated wallet operator over its gateway: signatures both ways, the QR order's life, modes, the book. */
class WalletPayOperatorTest extends SimulatorTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(WalletPay.TIMESTAMP_PATTERN);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KeyPair APP = WalletPay.generateKeyPair();
    private static final String APP_ID = "app_test";
    private static PublicKey operatorKey;

    @BeforeAll
    static void register() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/channels/walletpay/apps/" + APP_ID))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"public_key\":\"" + Keys.text(APP.getPublic()) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode channels = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/channels")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode c : channels) {
            if (c.path("name").asString().equals("walletpay")) {
                assertThat(c.path("protocol").asString()).isEqualTo("walletpay");
                assertThat(c.path("url").asString()).startsWith("http://127.0.0.1:");
                operatorKey = WalletPay.publicKey(c.path("public_key").asString());
            }
        }
        assertThat(operatorKey).isNotNull();
    }

    @AfterEach
    void healthy() {
        sim.configure(Simulator.WALLETPAY, ChannelSettings.HEALTHY);
    }

    private static HttpResponse<String> gateway(String method, Map<String, Object> biz, String notifyUrl, boolean badSignature, Duration timeout)
            throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", APP_ID);
        params.put("method", method);
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", TIME.format(LocalDateTime.now(ZoneId.of("Asia/Shanghai"))));
        params.put("version", "1.0");
        if (notifyUrl != null) {
            params.put("notify_url", notifyUrl);
        }
        params.put("biz_content", JSON.writeValueAsString(biz));
        WalletPay.signed(badSignature ? WalletPay.generateKeyPair().getPrivate() : APP.getPrivate(), params);
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.channel("walletpay").url() + WalletPay.GATEWAY_PATH)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(WalletPay.form(params)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The verified response object. */
    private static JsonNode answer(String method, HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        String content = WalletPay.objectText(response.body(), WalletPay.responseKey(method));
        assertThat(WalletPay.verify(operatorKey, content, JSON.readTree(response.body()).path("sign").asString())).as("operator's signature").isTrue();
        return JSON.readTree(content);
    }

    private static JsonNode call(String method, Map<String, Object> biz, String notifyUrl) throws Exception {
        return answer(method, gateway(method, biz, notifyUrl, false, Duration.ofSeconds(5)));
    }

    private static JsonNode precreate(String reference, String amount, String notifyUrl) throws Exception {
        return call(WalletPay.PRECREATE, Map.of("out_trade_no", reference, "total_amount", amount, "subject", "Tea"), notifyUrl);
    }

    private static HttpResponse<String> pay(String reference) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/walletpay/orders/" + reference + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPrecreatedOrderIsPaidByTheControlApiNotifiedQueriedAndRefunded() throws Exception {
        try (NotifyInbox inbox = new NotifyInbox("success")) {
            String reference = ref();
            JsonNode created = precreate(reference, "12.34", inbox.url());
            assertThat(created.path("code").asString()).isEqualTo("10000");
            assertThat(created.path("qr_code").asString()).startsWith("http");
            assertThat(precreate(reference, "12.34", inbox.url()).path("qr_code").asString()).as("re-sent").isEqualTo(created.path("qr_code").asString());
            assertThat(call(WalletPay.QUERY, Map.of("out_trade_no", reference), null).path("trade_status").asString()).isEqualTo("WAIT_BUYER_PAY");

            assertThat(pay(reference).statusCode()).isEqualTo(200);
            NotifyInbox.Received notification = inbox.next(Duration.ofSeconds(5));
            assertThat(notification).isNotNull();
            Map<String, String> params = WalletPay.parseForm(notification.body());
            assertThat(WalletPay.verifyParams(operatorKey, params)).isTrue();
            assertThat(params).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("out_trade_no", reference)
                    .containsEntry("total_amount", "12.34").containsKey("notify_id").containsKey("gmt_payment");

            JsonNode queried = call(WalletPay.QUERY, Map.of("out_trade_no", reference), null);
            assertThat(queried.path("trade_status").asString()).isEqualTo("TRADE_SUCCESS");
            assertThat(call(WalletPay.CLOSE, Map.of("out_trade_no", reference), null).path("sub_code").asString()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
            assertThat(precreate(reference, "12.34", inbox.url()).path("sub_code").asString()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");

            String refund = "re_" + reference.substring(4);
            assertThat(call(WalletPay.REFUND, Map.of("out_trade_no", reference, "out_request_no", refund, "refund_amount", "2.34"), null)
                    .path("refund_fee").asString()).isEqualTo("2.34");
            assertThat(call(WalletPay.REFUND, Map.of("out_trade_no", reference, "out_request_no", refund + "x", "refund_amount", "10.01"), null)
                    .path("sub_code").asString()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
            JsonNode refunded = call(WalletPay.REFUND_QUERY, Map.of("out_trade_no", reference, "out_request_no", refund), null);
            assertThat(refunded.path("refund_status").asString()).isEqualTo("REFUND_SUCCESS");
            assertThat(refunded.path("refund_amount").asString()).isEqualTo("2.34");

            assertThat(sim.book("walletpay")).anySatisfy(e -> assertThat(e).containsEntry("reference", reference).containsEntry("status", "TRADE_SUCCESS")
                    .containsEntry("amount", 1234L).containsEntry("refunded", 234L).containsEntry("acknowledged", true));
            assertThat(sim.book("walletpay")).anySatisfy(e -> assertThat(e).containsEntry("reference", refund).containsEntry("kind", "refund"));
        }
    }

    @Test
    void anUnacknowledgedNotificationIsSentAgain() throws Exception {
        try (NotifyInbox inbox = new NotifyInbox("fail")) {
            String reference = ref();
            precreate(reference, "1.00", inbox.url());
            pay(reference);
            assertThat(inbox.next(Duration.ofSeconds(5))).isNotNull();
            inbox.answer = "success";
            assertThat(inbox.next(Duration.ofSeconds(5))).as("the retry").isNotNull();
        }
    }

    @Test
    void badSignaturesAndUnknownOrdersAreRefused() throws Exception {
        JsonNode refused = answer(WalletPay.PRECREATE, gateway(WalletPay.PRECREATE, Map.of("out_trade_no", ref(), "total_amount", "1.00"), null, true,
                Duration.ofSeconds(5)));
        assertThat(refused.path("code").asString()).isEqualTo("40002");
        assertThat(refused.path("sub_code").asString()).isEqualTo("isv.invalid-signature");
        assertThat(call(WalletPay.QUERY, Map.of("out_trade_no", ref()), null).path("sub_code").asString()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(pay(ref()).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnpaidOrderClosesAtItsExpiryAndTheMerchantIsTold() throws Exception {
        try (NotifyInbox inbox = new NotifyInbox("success")) {
            String reference = ref();
            String expiry = TIME.format(LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(2));
            call(WalletPay.PRECREATE, Map.of("out_trade_no", reference, "total_amount", "1.00", "subject", "Tea", "time_expire", expiry), inbox.url());
            NotifyInbox.Received closed = inbox.next(Duration.ofSeconds(6));
            assertThat(closed).isNotNull();
            assertThat(WalletPay.parseForm(closed.body())).containsEntry("trade_status", "TRADE_CLOSED");
            assertThat(pay(reference).statusCode()).isEqualTo(409);
        }
    }

    @Test
    void modes() throws Exception {
        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.DOWN, 0, 0));
        assertThat(gateway(WalletPay.QUERY, Map.of("out_trade_no", ref()), null, false, Duration.ofSeconds(5)).statusCode()).isEqualTo(503);

        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.ERROR, 0, 0));
        String reference = ref();
        assertThat(answer(WalletPay.PRECREATE, gateway(WalletPay.PRECREATE, Map.of("out_trade_no", reference, "total_amount", "1.00"), null, false,
                Duration.ofSeconds(5))).path("code").asString()).isEqualTo("20000");

        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.TIMEOUT, 0, 0));
        Assertions.assertThrows(HttpTimeoutException.class, () -> gateway(WalletPay.PRECREATE,
                Map.of("out_trade_no", reference, "total_amount", "1.00"), null, false, Duration.ofMillis(300)));

        sim.configure(Simulator.WALLETPAY, new ChannelSettings(Mode.LATE_APPROVE, 400, 0));
        Assertions.assertThrows(HttpTimeoutException.class, () -> gateway(WalletPay.PRECREATE,
                Map.of("out_trade_no", reference, "total_amount", "1.00"), null, false, Duration.ofMillis(200)));
        sim.configure(Simulator.WALLETPAY, ChannelSettings.HEALTHY);
        assertThat(call(WalletPay.QUERY, Map.of("out_trade_no", reference), null).path("trade_status").asString())
                .as("late_approve acted; error and timeout did not").isEqualTo("WAIT_BUYER_PAY");
        assertThat(sim.book("walletpay").stream().filter(e -> e.get("reference").equals(reference)).count()).isEqualTo(1);
    }
}
