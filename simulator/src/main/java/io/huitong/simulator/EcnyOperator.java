package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.huitong.protocols.ecny.Ecny;
import io.huitong.protocols.keys.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The digital RMB operator ({@code ecny}), playing {@link io.huitong.protocols.ecny}: orders pushed to a payer's
 * wallet, confirmed by the payer after {@code confirm_delay_ms}, and signed notifications to the merchant; refunds;
 * SM2 signatures both ways.
 *
 * <p>Test wallets (16 digits): one ending {@code 0002} has too little balance (the order is refused at once,
 * {@code INSUFFICIENT_BALANCE}); one ending {@code 0010} does not exist ({@code WALLET_NOT_FOUND}); one ending
 * {@code 0028} belongs to a payer who never confirms (the order closes unpaid at its expiry, and the merchant is
 * notified {@code CLOSED}); any other confirms after {@code confirm_delay_ms} (default 300). Control resources:
 * {@code PUT /control/channels/ecny/apps/{merchant_no}} {@code {"public_key":"..."}} registers a merchant's SM2 key,
 * {@code PUT /control/ecny/settings} {@code {"confirm_delay_ms":300}} changes the payers' delay.
 * An order re-sent with the same {@code out_order_no} and terms is answered with the existing order. The daily bill
 * ({@link EcnyStatement}) is served to each merchant at {@code GET /ecny/v1/bills?bill_date=}.
 */
final class EcnyOperator extends HttpOperator {

    private static final Logger log = LoggerFactory.getLogger(EcnyOperator.class);
    static final String NAME = "ecny";
    static final long DEFAULT_CONFIRM_DELAY_MS = 300;
    private static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    private final KeyPair keys = Ecny.generateKeyPair();
    private final Map<String, PublicKey> merchants = new ConcurrentHashMap<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final List<Entry> book = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;
    private final ChannelStatement<io.huitong.protocols.statements.EcnyBill.Line> statement = new ChannelStatement<>(new EcnyStatement(this::book));
    private volatile long confirmDelayMs = DEFAULT_CONFIRM_DELAY_MS;

    EcnyOperator(Clock clock) {
        this.clock = clock;
    }

    private final class Order implements Entry {
        final String merchantNo;
        final String outOrderNo;
        final String orderNo;
        final long amount;
        final String wallet;
        final String notifyUrl;
        final Instant expiresAt;
        String status = Ecny.WAITING_CONFIRM;
        String failure;
        Instant paidAt;
        long refunded;
        int notifications;
        boolean acknowledged;

        Order(String merchantNo, String outOrderNo, String orderNo, long amount, String wallet, String notifyUrl, Instant expiresAt) {
            this.merchantNo = merchantNo;
            this.outOrderNo = outOrderNo;
            this.orderNo = orderNo;
            this.amount = amount;
            this.wallet = wallet;
            this.notifyUrl = notifyUrl;
            this.expiresAt = expiresAt;
        }

        synchronized Map<String, Object> wire() {
            return map("code", Ecny.SUCCESS, "order_no", orderNo, "out_order_no", outOrderNo, "amount", amount, "currency", "CNY",
                    "status", status, "close_reason", failure, "paid_at", paidAt == null ? null : paidAt.toString(), "refunded_amount", refunded);
        }

        @Override
        public synchronized Map<String, Object> entry() {
            return map("kind", "payment", "reference", outOrderNo, "order_no", orderNo, "merchant_no", merchantNo, "status", status,
                    "failure", failure, "amount", amount, "currency", "CNY", "refunded", refunded, "payer_wallet", mask(wallet),
                    "expires_at", expiresAt.toString(), "paid_at", paidAt == null ? null : paidAt.toString(),
                    "notifications", notifications, "acknowledged", acknowledged);
        }
    }

    private record Refund(String outRefundNo, String refundNo, String outOrderNo, long amount, Instant at) implements Entry {
        Map<String, Object> wire() {
            return map("code", Ecny.SUCCESS, "refund_no", refundNo, "out_refund_no", outRefundNo, "out_order_no", outOrderNo,
                    "amount", amount, "currency", "CNY", "status", Ecny.REFUNDED);
        }

        @Override
        public Map<String, Object> entry() {
            return map("kind", "refund", "reference", outRefundNo, "refund_no", refundNo, "original_reference", outOrderNo,
                    "status", Ecny.REFUNDED, "amount", amount, "currency", "CNY", "at", at.toString());
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
        m.put("public_key", Keys.text(keys.getPublic()));
        m.put("confirm_delay_ms", confirmDelayMs);
        return m;
    }

    @Override
    public List<Map<String, Object>> book() {
        return entries(book);
    }

    /** The daily bill, also served to each merchant at {@code GET /ecny/v1/bills}. */
    @Override
    public ChannelStatement<?> statement() {
        return statement;
    }

    @Override
    void register(String merchantNo, String publicKey) {
        merchants.put(merchantNo, Ecny.publicKey(publicKey));
    }

    void confirmDelayMs(long millis) {
        if (millis < 0 || millis > ChannelSettings.MAX_LATENCY_MS) {
            throw new IllegalArgumentException("confirm_delay_ms must be between 0 and " + ChannelSettings.MAX_LATENCY_MS);
        }
        confirmDelayMs = millis;
    }

    @Override
    void systemError(HttpExchange exchange, byte[] body) throws IOException {
        send((status, headers, type, bytes) -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }, 503, error(Ecny.SYSTEM_ERROR, "system error, nothing was done"));
    }

    private void send(Answer answer, int status, Map<String, Object> body) throws IOException {
        String text = json.writeValueAsString(body);
        answer.send(status, signedHeaders(text), "application/json;charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> signedHeaders(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Ecny.HEADER_TIMESTAMP, timestamp);
        headers.put(Ecny.HEADER_NONCE, nonce);
        headers.put(Ecny.HEADER_SIGNATURE, Ecny.sign(keys.getPrivate(), Ecny.signingString(timestamp, nonce, body)));
        return headers;
    }

    @Override
    void operate(HttpExchange exchange, byte[] body, Answer answer) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        String merchantNo = exchange.getRequestHeaders().getFirst(Ecny.HEADER_MERCHANT);
        PublicKey key = merchantNo == null ? null : merchants.get(merchantNo);
        String timestamp = exchange.getRequestHeaders().getFirst(Ecny.HEADER_TIMESTAMP);
        String nonce = exchange.getRequestHeaders().getFirst(Ecny.HEADER_NONCE);
        if (key == null || timestamp == null || nonce == null
                || !Ecny.verify(key, Ecny.signingString(timestamp, nonce, text), exchange.getRequestHeaders().getFirst(Ecny.HEADER_SIGNATURE))) {
            log.info("{}: {} {} from merchant {} refused: bad signature", NAME, exchange.getRequestMethod(), exchange.getRequestURI().getPath(), merchantNo);
            send(answer, 401, error(Ecny.INVALID_SIGNATURE, "the request's signature does not verify"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, Object> result;
        int status = 200;
        try {
            if (path.equals(Ecny.ORDERS_PATH) && method.equals("POST")) {
                result = create(merchantNo, json.readValue(text, Map.class));
            } else if (path.startsWith(Ecny.ORDERS_PATH + "/") && path.endsWith("/close") && method.equals("POST")) {
                result = close(path.substring(Ecny.ORDERS_PATH.length() + 1, path.length() - "/close".length()));
            } else if (path.startsWith(Ecny.ORDERS_PATH + "/") && method.equals("GET")) {
                Order order = orders.get(path.substring(Ecny.ORDERS_PATH.length() + 1));
                result = order == null ? error(Ecny.ORDER_NOT_FOUND, "no such order") : order.wire();
            } else if (path.equals(Ecny.REFUNDS_PATH) && method.equals("POST")) {
                result = refund(json.readValue(text, Map.class));
            } else if (path.equals(Ecny.BILLS_PATH) && method.equals("GET")) {
                bill(exchange, merchantNo, answer);
                return;
            } else if (path.startsWith(Ecny.REFUNDS_PATH + "/") && method.equals("GET")) {
                Refund refund = refunds.get(path.substring(Ecny.REFUNDS_PATH.length() + 1));
                result = refund == null ? error(Ecny.ORDER_NOT_FOUND, "no such refund") : refund.wire();
            } else {
                status = 404;
                result = error(Ecny.INVALID_REQUEST, "no such resource");
            }
        } catch (JacksonException | IllegalArgumentException | ClassCastException | DateTimeParseException e) {
            status = 400;
            result = error(Ecny.INVALID_REQUEST, e.getMessage());
        }
        send(answer, status, result);
    }

    /** The merchant's bill of a date, signed like any answer (the signature covers the CSV as sent). */
    private void bill(HttpExchange exchange, String merchantNo, Answer answer) throws IOException {
        java.time.LocalDate day = StatementControl.date(StatementControl.param(exchange.getRequestURI().getRawQuery(), "bill_date"));
        if (day == null) {
            send(answer, 400, error(Ecny.INVALID_REQUEST, "bill_date (YYYY-MM-DD) is required"));
            return;
        }
        byte[] bill;
        try {
            bill = statement.bytes(day, merchantNo);
        } catch (IllegalArgumentException e) {
            send(answer, 409, error(Ecny.INVALID_REQUEST, e.getMessage()));
            return;
        }
        answer.send(200, signedHeaders(new String(bill, StandardCharsets.UTF_8)), statement.contentType(), bill);
    }

    private static Map<String, Object> error(String code, String message) {
        return map("code", code, "message", message);
    }

    private static String text(Map<?, ?> body, String field) {
        if (!(body.get(field) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return s;
    }

    private static long amount(Map<?, ?> body) {
        if (!(body.get("amount") instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
            throw new IllegalArgumentException("amount must be a positive whole number of fen");
        }
        return n.longValue();
    }

    private Map<String, Object> create(String merchantNo, Map<?, ?> body) {
        String outOrderNo = text(body, "out_order_no");
        long amount = amount(body);
        if (!"CNY".equals(body.get("currency"))) {
            throw new IllegalArgumentException("currency must be CNY");
        }
        String wallet = text(body, "payer_wallet_id");
        if (!wallet.matches("\\d{16}")) {
            throw new IllegalArgumentException("payer_wallet_id must be 16 digits");
        }
        Instant now = clock.instant();
        Instant expiresAt = body.get("expire_time") instanceof String s ? Instant.parse(s) : now.plus(DEFAULT_EXPIRY);
        Order created = new Order(merchantNo, outOrderNo, "ec" + String.format("%014d", sequence.incrementAndGet()), amount, wallet,
                body.get("notify_url") instanceof String s ? s : null, expiresAt);
        Order order = orders.putIfAbsent(outOrderNo, created);
        if (order != null) {
            synchronized (order) {
                if (order.status.equals(Ecny.FAILED)) {
                    return error(order.failure, "the order was refused");
                }
            }
            return order.amount == amount && order.wallet.equals(wallet) && order.merchantNo.equals(merchantNo)
                    ? order.wire() : error(Ecny.DUPLICATE_REFERENCE, "another order has this out_order_no");
        }
        book.add(created);
        if (wallet.endsWith("0002") || wallet.endsWith("0010")) {
            boolean poor = wallet.endsWith("0002");
            synchronized (created) {
                created.status = Ecny.FAILED;
                created.failure = poor ? Ecny.INSUFFICIENT_BALANCE : Ecny.WALLET_NOT_FOUND;
            }
            log.info("{}: order {} refused: {} (wallet ...{})", NAME, outOrderNo, created.failure, wallet.substring(12));
            return error(created.failure, poor ? "the wallet's balance is too low" : "no such wallet");
        }
        log.info("{}: order {} ({} fen) pushed to wallet ...{}", NAME, outOrderNo, amount, wallet.substring(12));
        if (!wallet.endsWith("0028")) {
            scheduler.schedule(() -> confirm(created), confirmDelayMs, TimeUnit.MILLISECONDS);
        }
        scheduler.schedule(() -> expire(created), Math.max(0, Duration.between(now, expiresAt).toMillis()), TimeUnit.MILLISECONDS);
        return created.wire();
    }

    private void confirm(Order order) {
        synchronized (order) {
            if (!order.status.equals(Ecny.WAITING_CONFIRM) || !clock.instant().isBefore(order.expiresAt)) {
                return;
            }
            order.status = Ecny.PAID;
            order.paidAt = clock.instant();
            log.info("{}: order {} confirmed by the payer", NAME, order.outOrderNo);
            notifyMerchant(order);
        }
    }

    private void expire(Order order) {
        synchronized (order) {
            if (!order.status.equals(Ecny.WAITING_CONFIRM)) {
                return;
            }
            order.status = Ecny.CLOSED;
            order.failure = "EXPIRED";
            log.info("{}: order {} expired unconfirmed", NAME, order.outOrderNo);
            notifyMerchant(order);
        }
    }

    private Map<String, Object> close(String outOrderNo) {
        Order order = orders.get(outOrderNo);
        if (order == null) {
            return error(Ecny.ORDER_NOT_FOUND, "no such order");
        }
        synchronized (order) {
            if (order.status.equals(Ecny.PAID)) {
                return error(Ecny.ORDER_PAID, "the order is paid");
            }
            if (order.status.equals(Ecny.WAITING_CONFIRM)) {
                order.status = Ecny.CLOSED;
                order.failure = "CLOSED_BY_MERCHANT";
            }
            return order.wire();
        }
    }

    private Map<String, Object> refund(Map<?, ?> body) {
        String outRefundNo = text(body, "out_refund_no");
        String outOrderNo = text(body, "out_order_no");
        long amount = amount(body);
        Order order = orders.get(outOrderNo);
        if (order == null) {
            return error(Ecny.ORDER_NOT_FOUND, "no such order");
        }
        synchronized (order) {
            Refund existing = refunds.get(outRefundNo);
            if (existing != null) {
                return existing.amount == amount && existing.outOrderNo.equals(outOrderNo) ? existing.wire()
                        : error(Ecny.DUPLICATE_REFERENCE, "another refund has this out_refund_no");
            }
            if (!order.status.equals(Ecny.PAID)) {
                return error(Ecny.ORDER_CLOSED, "the order is not paid");
            }
            if (order.refunded + amount > order.amount) {
                return error(Ecny.REFUND_EXCEEDS_PAYMENT, "the refunds would exceed the payment");
            }
            order.refunded += amount;
            Refund refund = new Refund(outRefundNo, "er" + String.format("%014d", sequence.incrementAndGet()), outOrderNo, amount, clock.instant());
            refunds.put(outRefundNo, refund);
            book.add(refund);
            log.info("{}: {} fen of {} refunded as {}", NAME, amount, outOrderNo, outRefundNo);
            return refund.wire();
        }
    }

    private void notifyMerchant(Order order) {
        if (order.notifyUrl == null || order.notifyUrl.isBlank()) {
            return;
        }
        Map<String, Object> body = order.wire();
        body.remove("code");
        String text = json.writeValueAsString(body);
        notifyLater(order.notifyUrl, "application/json;charset=utf-8", signedHeaders(text), text,
                answer -> answer.contains("\"" + Ecny.SUCCESS + "\""), ok -> {
                    synchronized (order) {
                        order.notifications++;
                        order.acknowledged |= ok;
                    }
                });
    }

    @Override
    void control(HttpExchange exchange, String rest) throws IOException {
        if (rest.equals("settings") && exchange.getRequestMethod().equals("PUT")) {
            Map<?, ?> body = readJson(exchange);
            if (body == null || !(body.get("confirm_delay_ms") instanceof Number n) || n.doubleValue() != n.longValue()) {
                reply(exchange, 400, Map.of("error", Map.of("message", "the body must be {\"confirm_delay_ms\":<whole milliseconds>}")));
                return;
            }
            try {
                confirmDelayMs(n.longValue());
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, Map.of("error", Map.of("message", e.getMessage())));
                return;
            }
            reply(exchange, 200, describe());
            return;
        }
        reply(exchange, 404, Map.of("error", Map.of("message", "no such resource: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())));
    }
}
