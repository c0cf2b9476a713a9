package io.huitong.simulator;

import static io.huitong.simulator.StatementHttp.HTTP;
import static io.huitong.simulator.StatementHttp.putFaults;
import static io.huitong.simulator.StatementHttp.read;
import static io.huitong.simulator.StatementHttp.statement;
import static io.huitong.simulator.StatementHttp.today;
import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.ecny.Ecny;
import io.huitong.protocols.keys.Keys;
import io.huitong.protocols.statements.EcnyBill;
import io.huitong.protocols.statements.EcnyBillReader;
import io.huitong.protocols.statements.WalletBill;
import io.huitong.protocols.statements.WalletBillReader;
import io.huitong.protocols.walletpay.WalletPay;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The e-CNY operator's and the wallet operator's daily bills: from their books, over their own interfaces, with faults. */
class OperatorBillsTest extends SimulatorTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KeyPair MERCHANT = Ecny.generateKeyPair();
    private static final String MERCHANT_NO = "M2000001";
    private static final KeyPair APP = WalletPay.generateKeyPair();
    private static final String APP_ID = "app_bills";

    @BeforeAll
    static void register() throws Exception {
        for (String[] app : List.of(new String[] {"ecny", MERCHANT_NO, Keys.text(MERCHANT.getPublic())},
                new String[] {"walletpay", APP_ID, Keys.text(APP.getPublic())})) {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/channels/" + app[0] + "/apps/" + app[1]))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"public_key\":\"" + app[2] + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
        }
    }

    @AfterEach
    void noFaults() throws Exception {
        StatementHttp.clearFaults(sim, Simulator.ECNY, Simulator.WALLETPAY);
    }

    // ---- e-CNY ----

    private static HttpResponse<String> ecny(String path, String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.channel(Simulator.ECNY).url() + path))
                .header(Ecny.HEADER_MERCHANT, MERCHANT_NO).header(Ecny.HEADER_TIMESTAMP, timestamp).header(Ecny.HEADER_NONCE, nonce)
                .header(Ecny.HEADER_SIGNATURE, Ecny.sign(MERCHANT.getPrivate(), Ecny.signingString(timestamp, nonce, body == null ? "" : body)));
        return HTTP.send((body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<EcnyBill.Line> of(List<EcnyBill.Line> lines, String reference) {
        return lines.stream().filter(l -> l.outTradeNo().equals(reference)).toList();
    }

    @Test
    void theEcnyBillListsConfirmedPaymentsAndRefunds() throws Exception {
        String paid = ref();
        String unpaid = ref();
        String refund = "re_" + paid.substring(4);
        ecny(Ecny.ORDERS_PATH, JSON.writeValueAsString(Map.of("merchant_no", MERCHANT_NO, "out_order_no", paid, "amount", 1_000, "currency", "CNY",
                "payer_wallet_id", "0210000000004242")));
        ecny(Ecny.ORDERS_PATH, JSON.writeValueAsString(Map.of("merchant_no", MERCHANT_NO, "out_order_no", unpaid, "amount", 700, "currency", "CNY",
                "payer_wallet_id", "0210000000000028")));
        for (int i = 0; i < 100 && !JSON.readTree(ecny(Ecny.ORDERS_PATH + "/" + paid, null).body()).path("status").asString().equals(Ecny.PAID); i++) {
            Thread.sleep(50);
        }
        ecny(Ecny.REFUNDS_PATH, JSON.writeValueAsString(Map.of("out_refund_no", refund, "out_order_no", paid, "amount", 400)));

        List<EcnyBill.Line> bill = read(statement(sim, Simulator.ECNY, today()), EcnyBillReader::open);
        assertThat(of(bill, paid)).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo(EcnyBill.Type.PAYMENT);
            assertThat(l.amount()).isEqualTo(1_000);
            assertThat(l.merchantNo()).isEqualTo(MERCHANT_NO);
            assertThat(l.orderNo()).startsWith("ec");
            assertThat(l.status()).isEqualTo(EcnyBill.Status.SUCCESS);
        });
        assertThat(of(bill, refund)).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo(EcnyBill.Type.REFUND);
            assertThat(l.originalOutTradeNo()).isEqualTo(paid);
            assertThat(l.amount()).isEqualTo(400);
        });
        assertThat(of(bill, unpaid)).as("never confirmed").isEmpty();

        HttpResponse<String> own = ecny(Ecny.BILLS_PATH + "?bill_date=" + today(), null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(own.headers().firstValue(Ecny.HEADER_SIGNATURE)).isPresent();
        assertThat(read(own.body().getBytes(StandardCharsets.UTF_8), EcnyBillReader::open)).as("the merchant's own bill")
                .containsAll(of(bill, paid)).containsAll(of(bill, refund)).allSatisfy(l -> assertThat(l.merchantNo()).isEqualTo(MERCHANT_NO));
        assertThat(ecny(Ecny.BILLS_PATH + "?bill_date=yesterday", null).statusCode()).isEqualTo(400);

        assertThat(putFaults(sim, Simulator.ECNY, "{\"status\":[\"" + paid + "\"],\"amount\":{\"" + refund + "\":-1},\"unknown\":1}").statusCode())
                .isEqualTo(200);
        List<EcnyBill.Line> faulted = read(ecny(Ecny.BILLS_PATH + "?bill_date=" + today(), null).body().getBytes(StandardCharsets.UTF_8),
                EcnyBillReader::open);
        assertThat(of(faulted, paid)).extracting(EcnyBill.Line::status).containsExactly(EcnyBill.Status.FAILED);
        assertThat(of(faulted, refund)).extracting(EcnyBill.Line::amount).containsExactly(399L);
        assertThat(faulted.stream().filter(l -> l.outTradeNo().startsWith("pay_UNKNOWN"))).singleElement()
                .satisfies(l -> assertThat(l.merchantNo()).isEqualTo(MERCHANT_NO));
    }

    // ---- the wallet operator ----

    private static JsonNode gateway(String method, Map<String, Object> biz) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", APP_ID);
        params.put("method", method);
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", DateTimeFormatter.ofPattern(WalletPay.TIMESTAMP_PATTERN).format(LocalDateTime.now(ZoneId.of("Asia/Shanghai"))));
        params.put("version", "1.0");
        params.put("biz_content", JSON.writeValueAsString(biz));
        WalletPay.signed(APP.getPrivate(), params);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.channel(Simulator.WALLETPAY).url() + WalletPay.GATEWAY_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(WalletPay.form(params))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(WalletPay.objectText(response.body(), WalletPay.responseKey(method)));
    }

    private static List<WalletBill.Line> download() throws Exception {
        JsonNode answer = gateway(WalletPay.BILL_DOWNLOAD, Map.of("bill_type", "trade", "bill_date", today().toString()));
        assertThat(answer.path("code").asString()).isEqualTo(WalletPay.CODE_SUCCESS);
        HttpResponse<byte[]> bill = HTTP.send(HttpRequest.newBuilder(URI.create(answer.path("bill_download_url").asString())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bill.statusCode()).isEqualTo(200);
        assertThat(bill.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        return read(bill.body(), WalletBillReader::open);
    }

    private static List<WalletBill.Line> of(List<WalletBill.Line> lines, String reference, WalletBill.Type type) {
        return lines.stream().filter(l -> l.reference().equals(reference) && l.type() == type).toList();
    }

    @Test
    void theWalletBillListsPaidOrdersAndRefundsWithTheOperatorsFee() throws Exception {
        String paid = ref();
        String refund = "re_" + paid.substring(4);
        assertThat(gateway(WalletPay.PRECREATE, Map.of("out_trade_no", paid, "total_amount", "12.34", "subject", "Tea")).path("code").asString())
                .isEqualTo(WalletPay.CODE_SUCCESS);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/walletpay/orders/" + paid + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        gateway(WalletPay.REFUND, Map.of("out_trade_no", paid, "out_request_no", refund, "refund_amount", "2.34"));

        List<WalletBill.Line> bill = read(statement(sim, Simulator.WALLETPAY, today()), WalletBillReader::open);
        assertThat(of(bill, paid, WalletBill.Type.PAYMENT)).singleElement().satisfies(l -> {
            assertThat(l.amount()).isEqualTo(1_234);
            assertThat(l.fee()).isEqualTo(7); // 0.60 % of 12.34, rounded
            assertThat(l.appId()).isEqualTo(APP_ID);
            assertThat(l.tradeNo()).startsWith("wp");
        });
        assertThat(of(bill, refund, WalletBill.Type.REFUND)).singleElement().satisfies(l -> {
            assertThat(l.outTradeNo()).isEqualTo(paid);
            assertThat(l.amount()).isEqualTo(234);
        });
        assertThat(download()).as("the app's bill over the gateway").containsAll(of(bill, paid, WalletBill.Type.PAYMENT))
                .containsAll(of(bill, refund, WalletBill.Type.REFUND));

        assertThat(putFaults(sim, Simulator.WALLETPAY, "{\"drop\":[\"" + paid + "\"],\"duplicate\":[\"" + refund + "\"],\"delay\":[\"" + refund + "\"]}")
                .statusCode()).isEqualTo(200);
        List<WalletBill.Line> faulted = download();
        assertThat(of(faulted, paid, WalletBill.Type.PAYMENT)).isEmpty();
        assertThat(of(faulted, refund, WalletBill.Type.REFUND)).as("delayed to tomorrow").isEmpty();
        List<WalletBill.Line> tomorrow = read(statement(sim, Simulator.WALLETPAY, today().plusDays(1)), WalletBillReader::open);
        assertThat(of(tomorrow, refund, WalletBill.Type.REFUND)).hasSize(2).containsOnly(of(bill, refund, WalletBill.Type.REFUND).getFirst());
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(sim.channel(Simulator.WALLETPAY).url() + WalletPay.BILLS_PATH + "nosuchtoken")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
}
