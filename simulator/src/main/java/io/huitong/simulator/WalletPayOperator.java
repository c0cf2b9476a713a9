package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.huitong.protocols.keys.Keys;
import io.huitong.protocols.walletpay.WalletPay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The wallet operator ({@code walletpay}), playing {@link io.huitong.protocols.walletpay}: pre-created QR orders,
 * query, close, refund and refund query on one gateway, RSA2-signed both ways, and signed notifications to the
 * merchant's {@code notify_url}, sent again with backoff until it answers {@code success}.
 *
 * <p>Control resources, beside the common ones: {@code PUT /control/channels/walletpay/apps/{app_id}}
 * {@code {"public_key":"..."}} registers a merchant app's key; {@code POST /control/walletpay/orders/{out_trade_no}/pay}
 * plays a payer who scans the order's QR code and pays. Unpaid orders close at their expiry and the merchant is
 * notified {@code TRADE_CLOSED}. A pre-create re-sent with the same {@code out_trade_no} and amount is answered
 * with the existing order.
 */
final class WalletPayOperator extends HttpOperator {

    private static final Logger log = LoggerFactory.getLogger(WalletPayOperator.class);
    static final String NAME = "walletpay";
    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(WalletPay.TIMESTAMP_PATTERN);
    private static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    private final KeyPair keys = WalletPay.generateKeyPair();
    private final Map<String, PublicKey> apps = new ConcurrentHashMap<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final List<Object> book = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;
    private final ChannelStatement<io.huitong.protocols.statements.WalletBill.Line> statement =
            new ChannelStatement<>(new WalletPayStatement(this::book));
    private final WalletPayBills bills;

    WalletPayOperator(Clock clock) {
        this.clock = clock;
        this.bills = new WalletPayBills(statement, clock);
    }

    /** The daily bill, also served by the gateway's {@code data.bill.downloadurl.query} ({@link WalletPayBills}). */
    @Override
    public ChannelStatement<?> statement() {
        return statement;
    }

    /** One QR order. Mutable under its own lock. */
    private final class Order implements Entry {
        final String appId;
        final String outTradeNo;
        final String tradeNo;
        final long amount;
        final String subject;
        final String notifyUrl;
        final Instant expiresAt;
        String status = WalletPay.WAIT_BUYER_PAY;
        Instant paidAt;
        long refunded;
        int notifications;
        boolean acknowledged;

        Order(String appId, String outTradeNo, String tradeNo, long amount, String subject, String notifyUrl, Instant expiresAt) {
            this.appId = appId;
            this.outTradeNo = outTradeNo;
            this.tradeNo = tradeNo;
            this.amount = amount;
            this.subject = subject;
            this.notifyUrl = notifyUrl;
            this.expiresAt = expiresAt;
        }

        @Override
        public synchronized Map<String, Object> entry() {
            return map("kind", "payment", "reference", outTradeNo, "trade_no", tradeNo, "app_id", appId, "status", status,
                    "amount", amount, "currency", "CNY", "refunded", refunded, "expires_at", expiresAt.toString(),
                    "paid_at", paidAt == null ? null : paidAt.toString(), "notifications", notifications, "acknowledged", acknowledged);
        }
    }

    private record Refund(String outRequestNo, String outTradeNo, String tradeNo, long amount, Instant at) implements Entry {
        @Override
        public Map<String, Object> entry() {
            return map("kind", "refund", "reference", outRequestNo, "original_reference", outTradeNo, "trade_no", tradeNo,
                    "status", WalletPay.REFUND_SUCCESS, "amount", amount, "currency", "CNY", "at", at.toString());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url());
        m.put("gateway", url() + WalletPay.GATEWAY_PATH);
        m.put("public_key", Keys.text(keys.getPublic()));
        return m;
    }

    @Override
    public List<Map<String, Object>> book() {
        return entries(book.stream().map(o -> (Entry) o).toList());
    }

    @Override
    void register(String appId, String publicKey) {
        apps.put(appId, WalletPay.publicKey(publicKey));
    }

    @Override
    void systemError(HttpExchange exchange, byte[] body) throws IOException {
        String method = WalletPay.parseForm(new String(body, StandardCharsets.UTF_8)).getOrDefault("method", "");
        byte[] bytes = response(method.isEmpty() ? "error" : method, Map.of("code", WalletPay.CODE_UNAVAILABLE, "msg", "Service Currently Unavailable",
                "sub_code", WalletPay.SUB_UNKNOWN_ERROR, "sub_msg", "system error")).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    void operate(HttpExchange exchange, byte[] body, Answer answer) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(WalletPay.BILLS_PATH) && exchange.getRequestMethod().equals("GET")) {
            bills.serve(path.substring(WalletPay.BILLS_PATH.length()), answer);
            return;
        }
        if (!path.equals(WalletPay.GATEWAY_PATH) || !exchange.getRequestMethod().equals("POST")) {
            answer.send(404, Map.of(), "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> params = WalletPay.parseForm(new String(body, StandardCharsets.UTF_8));
        String method = params.getOrDefault("method", "");
        Map<String, Object> result = gateway(params, method);
        String text = response(method.isEmpty() ? "error" : method, result);
        answer.send(200, Map.of(), "application/json;charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"<method>_response":{...},"sign":"..."}}, the operator's signature over the response object's text. */
    private String response(String method, Map<String, Object> result) {
        String inner = json.writeValueAsString(result);
        return "{\"" + WalletPay.responseKey(method) + "\":" + inner + ",\"sign\":\"" + WalletPay.sign(keys.getPrivate(), inner) + "\"}";
    }

    private Map<String, Object> gateway(Map<String, String> params, String method) {
        for (String required : List.of("app_id", "method", "sign", "sign_type", "timestamp", "biz_content")) {
            if (params.getOrDefault(required, "").isEmpty()) {
                return failure(WalletPay.CODE_MISSING_PARAMETER, "Missing Required Arguments", "isv.missing-" + required.replace('_', '-'));
            }
        }
        PublicKey key = apps.get(params.get("app_id"));
        if (key == null) {
            return failure(WalletPay.CODE_INVALID_PARAMETER, "Invalid Arguments", WalletPay.SUB_INVALID_APP_ID);
        }
        if (!WalletPay.SIGN_TYPE.equals(params.get("sign_type")) || !WalletPay.verifyParams(key, params)) {
            log.info("{}: {} from app {} refused: bad signature", NAME, method, params.get("app_id"));
            return failure(WalletPay.CODE_INVALID_PARAMETER, "Invalid Arguments", WalletPay.SUB_INVALID_SIGNATURE);
        }
        Map<?, ?> biz;
        try {
            biz = json.readValue(params.get("biz_content"), Map.class);
        } catch (JacksonException e) {
            return failure(WalletPay.CODE_INVALID_PARAMETER, "Invalid Arguments", "isv.invalid-biz-content");
        }
        try {
            return switch (method) {
                case WalletPay.PRECREATE -> precreate(params, biz);
                case WalletPay.QUERY -> query(text(biz, "out_trade_no"));
                case WalletPay.CLOSE -> close(text(biz, "out_trade_no"));
                case WalletPay.REFUND -> refund(text(biz, "out_trade_no"), text(biz, "out_request_no"), WalletPay.fen(text(biz, "refund_amount")));
                case WalletPay.REFUND_QUERY -> refundQuery(text(biz, "out_trade_no"), text(biz, "out_request_no"));
                case WalletPay.BILL_DOWNLOAD -> success("bill_download_url", bills.downloadUrl(url(), params.get("app_id"),
                        java.time.LocalDate.parse(text(biz, "bill_date"))));
                default -> failure(WalletPay.CODE_INVALID_PARAMETER, "Invalid Arguments", "isv.invalid-method");
            };
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_INVALID_PARAMETER);
        }
    }

    private static String text(Map<?, ?> biz, String field) {
        if (!(biz.get(field) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return s;
    }

    private Map<String, Object> precreate(Map<String, String> params, Map<?, ?> biz) {
        String outTradeNo = text(biz, "out_trade_no");
        long amount = WalletPay.fen(text(biz, "total_amount"));
        if (amount <= 0) {
            throw new IllegalArgumentException("total_amount must be positive");
        }
        Instant now = clock.instant();
        Instant expiresAt = biz.get("time_expire") instanceof String s
                ? LocalDateTime.parse(s, TIME).atZone(CST).toInstant() : now.plus(DEFAULT_EXPIRY);
        Order created = new Order(params.get("app_id"), outTradeNo, "wp" + TIME_ID.format(now.atZone(CST)) + String.format("%08d", sequence.incrementAndGet()),
                amount, biz.get("subject") instanceof String s ? s : "", params.get("notify_url"), expiresAt);
        Order order = orders.putIfAbsent(outTradeNo, created);
        if (order == null) {
            order = created;
            book.add(order);
            Order scheduled = order;
            scheduler.schedule(() -> expire(scheduled), Math.max(0, Duration.between(now, expiresAt).toMillis()), TimeUnit.MILLISECONDS);
            log.info("{}: QR order {} ({} fen) pre-created as {}", NAME, outTradeNo, amount, order.tradeNo);
        } else if (order.amount != amount || !order.appId.equals(created.appId)) {
            return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", "ACQ.CONTEXT_INCONSISTENT");
        }
        synchronized (order) {
            if (order.status.equals(WalletPay.TRADE_SUCCESS)) {
                return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_HAS_SUCCESS);
            }
            if (order.status.equals(WalletPay.TRADE_CLOSED)) {
                return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_HAS_CLOSE);
            }
        }
        return success("out_trade_no", outTradeNo, "qr_code", url() + "/walletpay/qr/" + order.tradeNo);
    }

    private static final DateTimeFormatter TIME_ID = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Map<String, Object> query(String outTradeNo) {
        Order order = orders.get(outTradeNo);
        if (order == null) {
            return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_NOT_EXIST);
        }
        synchronized (order) {
            return success("trade_no", order.tradeNo, "out_trade_no", outTradeNo, "trade_status", order.status,
                    "total_amount", WalletPay.yuan(order.amount), "send_pay_date", order.paidAt == null ? null : TIME.format(order.paidAt.atZone(CST)));
        }
    }

    private Map<String, Object> close(String outTradeNo) {
        Order order = orders.get(outTradeNo);
        if (order == null) {
            return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_NOT_EXIST);
        }
        synchronized (order) {
            if (order.status.equals(WalletPay.TRADE_SUCCESS)) {
                return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_STATUS_ERROR);
            }
            order.status = WalletPay.TRADE_CLOSED;
            return success("trade_no", order.tradeNo, "out_trade_no", outTradeNo);
        }
    }

    private Map<String, Object> refund(String outTradeNo, String outRequestNo, long amount) {
        Order order = orders.get(outTradeNo);
        if (order == null) {
            return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_NOT_EXIST);
        }
        synchronized (order) {
            Refund existing = refunds.get(outRequestNo);
            if (existing != null) {
                return existing.amount == amount && existing.outTradeNo.equals(outTradeNo) ? success("trade_no", order.tradeNo, "out_trade_no", outTradeNo,
                        "refund_fee", WalletPay.yuan(order.refunded)) : failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed",
                        WalletPay.SUB_REFUND_AMT_NOT_EQUAL_TOTAL);
            }
            if (!order.status.equals(WalletPay.TRADE_SUCCESS)) {
                return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_TRADE_STATUS_ERROR);
            }
            if (amount <= 0 || order.refunded + amount > order.amount) {
                return failure(WalletPay.CODE_BUSINESS_FAILED, "Business Failed", WalletPay.SUB_REFUND_AMT_NOT_EQUAL_TOTAL);
            }
            order.refunded += amount;
            Refund refund = new Refund(outRequestNo, outTradeNo, order.tradeNo, amount, clock.instant());
            refunds.put(outRequestNo, refund);
            book.add(refund);
            log.info("{}: {} fen of {} refunded as {}", NAME, amount, outTradeNo, outRequestNo);
            return success("trade_no", order.tradeNo, "out_trade_no", outTradeNo, "refund_fee", WalletPay.yuan(order.refunded));
        }
    }

    /** By the trade and the refund request together, as the style names a refund. */
    private Map<String, Object> refundQuery(String outTradeNo, String outRequestNo) {
        Refund refund = refunds.get(outRequestNo);
        if (refund == null || !refund.outTradeNo.equals(outTradeNo)) {
            // the style answers an unknown refund with success and no refund_status
            return success("out_request_no", outRequestNo);
        }
        return success("trade_no", refund.tradeNo, "out_trade_no", refund.outTradeNo, "out_request_no", outRequestNo,
                "refund_amount", WalletPay.yuan(refund.amount), "refund_status", WalletPay.REFUND_SUCCESS);
    }

    private static Map<String, Object> success(Object... pairs) {
        Map<String, Object> m = map("code", WalletPay.CODE_SUCCESS, "msg", "Success");
        m.putAll(map(pairs));
        return m;
    }

    private static Map<String, Object> failure(String code, String msg, String subCode) {
        return map("code", code, "msg", msg, "sub_code", subCode, "sub_msg", subCode);
    }

    /** A payer scanned the order's QR code and paid it: the order is paid and the merchant notified. */
    Map<String, Object> pay(String outTradeNo) {
        Order order = orders.get(outTradeNo);
        if (order == null) {
            return null;
        }
        synchronized (order) {
            if (order.status.equals(WalletPay.WAIT_BUYER_PAY) && clock.instant().isBefore(order.expiresAt)) {
                order.status = WalletPay.TRADE_SUCCESS;
                order.paidAt = clock.instant();
                log.info("{}: QR order {} paid", NAME, outTradeNo);
                notifyMerchant(order);
            }
            return order.entry();
        }
    }

    private void expire(Order order) {
        synchronized (order) {
            if (!order.status.equals(WalletPay.WAIT_BUYER_PAY)) {
                return;
            }
            order.status = WalletPay.TRADE_CLOSED;
            log.info("{}: QR order {} expired unpaid", NAME, order.outTradeNo);
            notifyMerchant(order);
        }
    }

    private void notifyMerchant(Order order) {
        if (order.notifyUrl == null || order.notifyUrl.isBlank()) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("notify_id", UUID.randomUUID().toString().replace("-", ""));
        params.put("notify_time", TIME.format(clock.instant().atZone(CST)));
        params.put("notify_type", "trade_status_sync");
        params.put("app_id", order.appId);
        params.put("charset", WalletPay.CHARSET);
        params.put("version", WalletPay.VERSION);
        params.put("trade_status", order.status);
        params.put("out_trade_no", order.outTradeNo);
        params.put("trade_no", order.tradeNo);
        params.put("total_amount", WalletPay.yuan(order.amount));
        if (order.paidAt != null) {
            params.put("gmt_payment", TIME.format(order.paidAt.atZone(CST)));
        }
        params.put("sign_type", WalletPay.SIGN_TYPE);
        WalletPay.signed(keys.getPrivate(), params);
        notifyLater(order.notifyUrl, "application/x-www-form-urlencoded;charset=utf-8", Map.of(), WalletPay.form(params),
                answer -> WalletPay.NOTIFY_ACK.equals(answer.trim()), ok -> {
                    synchronized (order) {
                        order.notifications++;
                        order.acknowledged |= ok;
                    }
                });
    }

    @Override
    void control(HttpExchange exchange, String rest) throws IOException {
        if (rest.startsWith("orders/") && rest.endsWith("/pay") && exchange.getRequestMethod().equals("POST")) {
            String outTradeNo = rest.substring("orders/".length(), rest.length() - "/pay".length());
            Map<String, Object> order = pay(outTradeNo);
            if (order == null) {
                reply(exchange, 404, Map.of("error", Map.of("message", "no order " + outTradeNo)));
            } else if (!WalletPay.TRADE_SUCCESS.equals(order.get("status"))) {
                reply(exchange, 409, Map.of("error", Map.of("message", "order " + outTradeNo + " is " + order.get("status") + ", it cannot be paid")));
            } else {
                reply(exchange, 200, order);
            }
            return;
        }
        reply(exchange, 404, Map.of("error", Map.of("message", "no such resource: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())));
    }
}
