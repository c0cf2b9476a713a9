package io.huitong.channels.walletpay;

import io.huitong.channels.ChannelBreaker;
import io.huitong.channels.ChannelStatus;
import io.huitong.channels.Connector;
import io.huitong.channels.NotificationReceiver;
import io.huitong.channels.http.OperatorLink;
import io.huitong.channels.http.OperatorLink.Exchange;
import io.huitong.channels.http.OperatorSettings;
import io.huitong.channels.ChannelMetrics;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.protocols.walletpay.WalletPay;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A third-party wallet operator reached through its open-platform gateway ({@link io.huitong.protocols.walletpay}):
 * payments' {@link OrderChannel} for {@code qr} turned into {@code trade.precreate}, {@code trade.query},
 * {@code trade.close}, {@code trade.refund} and refund queries, RSA2-signed with the merchant app's key; every
 * answer's signature is checked with the operator's key before it is believed. An opened order is shown to the
 * payer as an EMVCo merchant-presented QR payload ({@link EmvQr}) carrying the operator's {@code qr_code}.
 *
 * <p>The operator's notifications ({@code POST /notify/walletpay}, form-encoded) are verified and handed to
 * {@link OrderNotifications}; the operator is answered {@code success} once payments accepted one.
 *
 * <p>Outcomes: a refused connection, an open breaker, HTTP 5xx or code {@code 20000} are
 * {@link OrderResult.Unavailable}; no answer in time, or an answer whose signature does not verify, is
 * {@link OrderResult.Unknown}. Queries are sent again once when they got no answer; a pre-create only when the
 * connection was refused (the operator answers a re-sent pre-create with the existing order anyway).
 */
public final class WalletPayChannel implements OrderChannel, Connector, NotificationReceiver {

    private static final Logger log = LoggerFactory.getLogger(WalletPayChannel.class);
    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(WalletPay.TIMESTAMP_PATTERN);

    /** The merchant app at the operator: its id, its private key (signs requests), the operator's public key. */
    public record Credentials(String appId, PrivateKey privateKey, PublicKey operatorPublicKey) {
        @Override
        public String toString() {
            return "Credentials[" + appId + "]";
        }
    }

    private final String name;
    private final Credentials credentials;
    private final OrderNotifications notifications;
    private final Clock clock;
    private final OperatorLink link;
    private final JsonMapper json = JsonMapper.builder().build();

    public WalletPayChannel(String name, OperatorSettings settings, Credentials credentials, OrderNotifications notifications,
                            Clock clock, MeterRegistry registry) {
        this.name = name;
        this.credentials = credentials;
        this.notifications = notifications;
        this.clock = clock;
        this.link = new OperatorLink(name, "walletpay", settings, clock, registry);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String method() {
        return "qr";
    }

    @Override
    public ChannelStatus status() {
        return link.status("qr");
    }

    public io.github.resilience4j.circuitbreaker.CircuitBreaker.State breakerState() {
        return link.breakerState();
    }

    @Override
    public ChannelBreaker breaker() {
        return link.breaker();
    }

    /**
     * A {@code trade.query} for a trade that does not exist: a signed answer that the trade is not there (or
     * any business answer) says the gateway works; "service unavailable" or a refused signature does not.
     */
    @Override
    public boolean echo(Duration timeout) {
        HttpRequest query = gateway(WalletPay.QUERY, Map.of("out_trade_no", "echo_" + UUID.randomUUID().toString().replace("-", "")), null);
        return link.echo(query, timeout, exchange -> exchange instanceof Exchange.Reply r
                && verified(WalletPay.QUERY, r.response().statusCode(), r.response().body()) instanceof Read.Ok ok
                && (ok.answer().code().equals(WalletPay.CODE_SUCCESS) || ok.answer().code().equals(WalletPay.CODE_BUSINESS_FAILED)));
    }

    /** An operator's answer: its {@code *_response} object, already verified. */
    private record Answer(JsonNode body) {
        String code() {
            return body.path("code").asString("");
        }

        String subCode() {
            return body.path("sub_code").asString("");
        }

        String text(String field) {
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? null : n.asString();
        }
    }

    /** A reply's meaning, or why there is none to read. */
    private sealed interface Read {
        record Ok(Answer answer) implements Read {
        }

        record NotDone(String reason) implements Read {
        }

        record Unclear(String reason) implements Read {
        }
    }

    @Override
    public OrderResult open(OrderRequest request) {
        if (!"CNY".equals(request.amount().currency())) {
            return new OrderResult.Unavailable(name + " takes CNY only");
        }
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", request.reference());
        biz.put("total_amount", WalletPay.yuan(request.amount().amount()));
        biz.put("subject", subject(request));
        if (request.expiresAt() != null) {
            biz.put("time_expire", TIME.format(request.expiresAt().atZone(CST)));
        }
        return link.call("open", request.reference(), true, OperatorLink.Retry.WHEN_NOT_SENT,
                () -> gateway(WalletPay.PRECREATE, biz, request.notifyUrl()),
                read(WalletPay.PRECREATE, answer -> opened(request, answer), OrderResult.Unavailable::new, OrderResult.Unknown::new),
                ChannelMetrics::accepted);
    }

    private static String subject(OrderRequest request) {
        String subject = request.description() != null && !request.description().isBlank() ? request.description()
                : request.merchantName() != null ? request.merchantName() : request.reference();
        return subject.length() <= 256 ? subject : subject.substring(0, 256);
    }

    private OrderResult opened(OrderRequest request, Answer answer) {
        if (answer.code().equals(WalletPay.CODE_SUCCESS)) {
            String qrCode = answer.text("qr_code");
            if (qrCode == null) {
                return new OrderResult.Unknown("the operator opened the order without a QR code");
            }
            return new OrderResult.Opened(request.reference(), EmvQr.payload(qrCode, request.reference(), request.amount(),
                    request.merchantName(), EmvQr.DEFAULT_CITY, EmvQr.DEFAULT_MCC), expiry(request, clock));
        }
        return switch (answer.subCode()) {
            case WalletPay.SUB_TRADE_HAS_SUCCESS -> new OrderResult.Paid(request.reference());
            case WalletPay.SUB_TRADE_HAS_CLOSE -> new OrderResult.Declined("order_closed", "The order was closed at the wallet operator.");
            default -> refusal(answer, OrderResult.Unavailable::new, (code, message) -> new OrderResult.Declined(code, message));
        };
    }

    /** A failure code other than a business refusal means the gateway did nothing: unavailable; a refusal is declined. */
    private <T> T refusal(Answer answer, Function<String, T> unavailable, java.util.function.BiFunction<String, String, T> declined) {
        if (!answer.code().equals(WalletPay.CODE_BUSINESS_FAILED)) {
            if (!answer.code().equals(WalletPay.CODE_UNAVAILABLE)) {
                log.error("{}: the gateway refused our request: {} {} (check the app id and keys)", name, answer.code(), answer.subCode());
            }
            return unavailable.apply("the wallet operator answered " + answer.code() + " " + answer.subCode());
        }
        return declined.apply("channel_declined", "The wallet operator refused: " + answer.subCode());
    }

    @Override
    public OrderStatus query(String reference) {
        return link.call("query", reference, false, OperatorLink.Retry.IDEMPOTENT,
                () -> gateway(WalletPay.QUERY, Map.of("out_trade_no", reference), null),
                read(WalletPay.QUERY, this::orderStatus, OrderStatus.Unknown::new, OrderStatus.Unknown::new), ChannelMetrics::outcome);
    }

    /** The operator names a refund by the trade and the refund request together ({@code trade.fastpay.refund.query}). */
    @Override
    public OrderStatus queryRefund(String refundReference, String paymentReference) {
        return link.call("query", refundReference, false, OperatorLink.Retry.IDEMPOTENT,
                () -> gateway(WalletPay.REFUND_QUERY, Map.of("out_trade_no", paymentReference, "out_request_no", refundReference), null),
                read(WalletPay.REFUND_QUERY, this::refundStatus, OrderStatus.Unknown::new, OrderStatus.Unknown::new), ChannelMetrics::outcome);
    }


    private OrderStatus orderStatus(Answer answer) {
        if (!answer.code().equals(WalletPay.CODE_SUCCESS)) {
            return answer.subCode().equals(WalletPay.SUB_TRADE_NOT_EXIST) ? new OrderStatus.NotFound()
                    : new OrderStatus.Unknown("the wallet operator answered " + answer.code() + " " + answer.subCode());
        }
        return tradeStatus(answer.text("trade_status"), answer.text("trade_no"), answer.text("total_amount"));
    }

    private static OrderStatus tradeStatus(String status, String tradeNo, String totalAmount) {
        return switch (status == null ? "" : status) {
            case WalletPay.TRADE_SUCCESS, "TRADE_FINISHED" -> new OrderStatus.Paid(tradeNo, Money.of(WalletPay.fen(totalAmount), "CNY"));
            case WalletPay.WAIT_BUYER_PAY -> new OrderStatus.Pending();
            case WalletPay.TRADE_CLOSED -> new OrderStatus.Failed("order_expired", "The order closed unpaid.");
            default -> new OrderStatus.Unknown("unknown trade_status " + status);
        };
    }

    private OrderStatus refundStatus(Answer answer) {
        if (!answer.code().equals(WalletPay.CODE_SUCCESS)) {
            return new OrderStatus.Unknown("the wallet operator answered " + answer.code() + " " + answer.subCode());
        }
        if (WalletPay.REFUND_SUCCESS.equals(answer.text("refund_status"))) {
            return new OrderStatus.Paid(answer.text("trade_no"), Money.of(WalletPay.fen(answer.text("refund_amount")), "CNY"));
        }
        return new OrderStatus.NotFound();
    }

    @Override
    public ChannelResult close(String reference) {
        return link.call("close", reference, false, OperatorLink.Retry.IDEMPOTENT,
                () -> gateway(WalletPay.CLOSE, Map.of("out_trade_no", reference), null),
                read(WalletPay.CLOSE, answer -> {
                    if (answer.code().equals(WalletPay.CODE_SUCCESS) || answer.subCode().equals(WalletPay.SUB_TRADE_NOT_EXIST)) {
                        return new ChannelResult.Approved(null);
                    }
                    if (answer.subCode().equals(WalletPay.SUB_TRADE_STATUS_ERROR) || answer.subCode().equals(WalletPay.SUB_TRADE_HAS_SUCCESS)) {
                        return new ChannelResult.Declined("order_paid", "The order was paid before it could be closed.");
                    }
                    return refusal(answer, ChannelResult.Unavailable::new, (code, message) -> new ChannelResult.Declined(code, message));
                }, ChannelResult.Unavailable::new, ChannelResult.Unknown::new), ChannelMetrics::outcome);
    }

    @Override
    public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", paymentReference);
        biz.put("out_request_no", refundReference);
        biz.put("refund_amount", WalletPay.yuan(amount.amount()));
        return link.call("refund", refundReference, true, OperatorLink.Retry.WHEN_NOT_SENT,
                () -> gateway(WalletPay.REFUND, biz, null),
                read(WalletPay.REFUND, answer -> answer.code().equals(WalletPay.CODE_SUCCESS)
                        ? new ChannelResult.Approved(answer.text("trade_no"))
                        : refusal(answer, ChannelResult.Unavailable::new,
                                (code, message) -> new ChannelResult.Declined("refund_refused", message)),
                        ChannelResult.Unavailable::new, ChannelResult.Unknown::new), ChannelMetrics::outcome);
    }


    /** A signed gateway request; built afresh for each attempt. */
    private HttpRequest gateway(String method, Map<String, Object> biz, String notifyUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", credentials.appId());
        params.put("method", method);
        params.put("charset", WalletPay.CHARSET);
        params.put("sign_type", WalletPay.SIGN_TYPE);
        params.put("timestamp", TIME.format(clock.instant().atZone(CST)));
        params.put("version", WalletPay.VERSION);
        if (notifyUrl != null) {
            params.put("notify_url", notifyUrl);
        }
        params.put("biz_content", json.writeValueAsString(biz));
        WalletPay.signed(credentials.privateKey(), params);
        return link.request(WalletPay.GATEWAY_PATH)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(WalletPay.form(params), StandardCharsets.UTF_8)).build();
    }

    /** Reads a gateway reply: 5xx is unavailable, an unsigned or badly signed or unreadable answer is unknown. */
    private <T> Function<Exchange, T> read(String method, Function<Answer, T> interpret, Function<String, T> unavailable,
                                           Function<String, T> unknown) {
        return exchange -> switch (exchange) {
            case Exchange.NotSent n -> unavailable.apply(n.reason());
            case Exchange.Lost l -> unknown.apply(l.reason());
            case Exchange.Reply r -> switch (verified(method, r.response().statusCode(), r.response().body())) {
                case Read.Ok ok -> interpret.apply(ok.answer());
                case Read.NotDone nd -> unavailable.apply(nd.reason());
                case Read.Unclear u -> unknown.apply(u.reason());
            };
        };
    }

    private Read verified(String method, int status, String body) {
        if (status == 502 || status == 503 || status == 504) {
            return new Read.NotDone("the wallet operator answered HTTP " + status);
        }
        if (status != 200) {
            return new Read.Unclear("the wallet operator answered HTTP " + status);
        }
        String key = WalletPay.responseKey(method);
        String content = WalletPay.objectText(body, key);
        if (content == null) {
            content = WalletPay.objectText(body, "error_response");
        }
        try {
            JsonNode root = json.readTree(body);
            if (content == null || !WalletPay.verify(credentials.operatorPublicKey(), content, root.path("sign").asString(null))) {
                log.warn("{}: an answer to {} whose signature does not verify was ignored", name, method);
                return new Read.Unclear("the answer's signature does not verify");
            }
            return new Read.Ok(new Answer(json.readTree(content)));
        } catch (JacksonException e) {
            return new Read.Unclear("the answer is not JSON");
        }
    }

    @Override
    public Reply receive(Inbound notification) {
        Map<String, String> params = WalletPay.parseForm(new String(notification.body(), StandardCharsets.UTF_8));
        if (!WalletPay.SIGN_TYPE.equals(params.get("sign_type")) || !WalletPay.verifyParams(credentials.operatorPublicKey(), params)) {
            log.warn("{}: a notification whose signature does not verify was refused (out_trade_no {})", name, params.get("out_trade_no"));
            return new Reply(400, "text/plain", "fail");
        }
        if (!credentials.appId().equals(params.get("app_id")) || params.get("out_trade_no") == null) {
            log.warn("{}: a notification for another app or without out_trade_no was refused", name);
            return new Reply(400, "text/plain", "fail");
        }
        OrderStatus status;
        try {
            status = tradeStatus(params.get("trade_status"), params.get("trade_no"), params.get("total_amount"));
        } catch (RuntimeException e) {
            return new Reply(400, "text/plain", "fail");
        }
        if (status instanceof OrderStatus.Unknown || status instanceof OrderStatus.Pending) {
            // nothing payments needs to hear; acknowledged so that the operator stops
            return new Reply(200, "text/plain", WalletPay.NOTIFY_ACK);
        }
        OrderNotifications.Outcome outcome = notifications.notify(name, params.get("out_trade_no"), status);
        log.info("{}: notification {} for {}: {}", name, params.get("trade_status"), params.get("out_trade_no"), outcome);
        return outcome == OrderNotifications.Outcome.ACCEPTED ? new Reply(200, "text/plain", WalletPay.NOTIFY_ACK)
                : new Reply(409, "text/plain", "fail");
    }

    @Override
    public String toString() {
        return "WalletPayChannel[" + name + ", " + link.settings().url() + ", app " + credentials.appId() + "]";
    }

    /** When the order expires, for callers that did not give one. */
    static Instant expiry(OrderRequest request, Clock clock) {
        return request.expiresAt() != null ? request.expiresAt() : clock.instant().plusSeconds(900);
    }
}
