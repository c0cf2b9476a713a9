package io.huitong.channels.ecny;

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
import io.huitong.protocols.ecny.Ecny;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The digital RMB (e-CNY) operator ({@link io.huitong.protocols.ecny}): payments' {@link OrderChannel} for
 * {@code ecny} turned into orders pushed to the payer's wallet, which the payer confirms in their wallet app;
 * SM2-signed requests, and every answer's and notification's SM2 signature checked with the operator's key.
 *
 * <p>An opened order has nothing to show ({@code qrPayload} null): the outcome comes by notification
 * ({@code POST /notify/ecny}) or query. A wallet the operator refuses at once is {@link OrderResult.Declined}
 * ({@code insufficient_funds}, {@code invalid_account}). A refused connection, an open breaker, HTTP 502-504 or
 * {@code SYSTEM_ERROR} are unavailable; no answer in time or an answer whose signature does not verify is unknown.
 * Queries and closes are sent again once when they got no answer; orders and refunds only when the connection was
 * refused (the operator answers a re-sent order or refund with the existing one anyway).
 * The payer's wallet id appears in logs by its last four digits only.
 */
public final class EcnyChannel implements OrderChannel, Connector, NotificationReceiver {

    private static final Logger log = LoggerFactory.getLogger(EcnyChannel.class);

    /** The merchant at the operator: its number, its SM2 private key, the operator's SM2 public key. */
    public record Credentials(String merchantNo, PrivateKey privateKey, PublicKey operatorPublicKey) {
        @Override
        public String toString() {
            return "Credentials[" + merchantNo + "]";
        }
    }

    private final String name;
    private final Credentials credentials;
    private final OrderNotifications notifications;
    private final Clock clock;
    private final OperatorLink link;
    private final JsonMapper json = JsonMapper.builder().build();

    public EcnyChannel(String name, OperatorSettings settings, Credentials credentials, OrderNotifications notifications, Clock clock,
                       MeterRegistry registry) {
        this.name = name;
        this.credentials = credentials;
        this.notifications = notifications;
        this.clock = clock;
        this.link = new OperatorLink(name, "ecny", settings, clock, registry);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String method() {
        return "ecny";
    }

    @Override
    public ChannelStatus status() {
        return link.status("ecny");
    }

    public io.github.resilience4j.circuitbreaker.CircuitBreaker.State breakerState() {
        return link.breakerState();
    }

    @Override
    public ChannelBreaker breaker() {
        return link.breaker();
    }

    /**
     * A query for an order that does not exist: a signed answer (ORDER_NOT_FOUND, or anything but a system
     * error) says the operator works.
     */
    @Override
    public boolean echo(Duration timeout) {
        String path = Ecny.ORDERS_PATH + "/echo_" + UUID.randomUUID().toString().replace("-", "");
        return link.echo(get(path), timeout, exchange -> exchange instanceof Exchange.Reply r
                && verified(r.response()) instanceof Read.Ok ok && !ok.code().equals(Ecny.SYSTEM_ERROR));
    }

    private sealed interface Read {
        record Ok(int status, JsonNode body) implements Read {
            String code() {
                return body.path("code").asString("");
            }

            String text(String field) {
                JsonNode n = body.get(field);
                return n == null || n.isNull() ? null : n.asString();
            }
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
        if (request.payer() == null || request.payer().accountNumber() == null || request.payer().accountNumber().isBlank()) {
            return new OrderResult.Declined("invalid_account", "An e-CNY payment needs the payer's wallet id.");
        }
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt() : clock.instant().plusSeconds(900);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchant_no", credentials.merchantNo());
        body.put("out_order_no", request.reference());
        body.put("amount", request.amount().amount());
        body.put("currency", "CNY");
        body.put("payer_wallet_id", request.payer().accountNumber());
        if (request.notifyUrl() != null) {
            body.put("notify_url", request.notifyUrl());
        }
        body.put("expire_time", expiresAt.toString());
        body.put("subject", request.description() != null ? request.description() : request.merchantName());
        String text = json.writeValueAsString(body);
        return link.call("open", request.reference() + " (wallet ..." + request.payer().last4() + ")", true, OperatorLink.Retry.WHEN_NOT_SENT,
                () -> post(Ecny.ORDERS_PATH, text),
                read(ok -> switch (ok.code()) {
                    case Ecny.SUCCESS -> switch (ok.text("status")) {
                        case Ecny.WAITING_CONFIRM -> new OrderResult.Opened(ok.text("order_no"), null, expiresAt);
                        case Ecny.PAID -> new OrderResult.Paid(ok.text("order_no"));
                        case null, default -> new OrderResult.Declined(declineCode(ok.text("close_reason")), "The e-CNY order is " + ok.text("status") + ".");
                    };
                    case Ecny.INSUFFICIENT_BALANCE -> new OrderResult.Declined("insufficient_funds", "The payer's wallet balance is too low.");
                    case Ecny.WALLET_NOT_FOUND -> new OrderResult.Declined("invalid_account", "No e-CNY wallet has this id.");
                    case Ecny.INVALID_REQUEST -> new OrderResult.Declined("invalid_request", "The e-CNY operator refused the order: " + ok.text("message"));
                    case Ecny.DUPLICATE_REFERENCE -> new OrderResult.Declined("duplicate_reference", "Another e-CNY order has this reference.");
                    default -> notDone(ok, OrderResult.Unavailable::new);
                }, OrderResult.Unavailable::new, OrderResult.Unknown::new), ChannelMetrics::accepted);
    }

    /** docs/api.md's code for why an order did not get paid. */
    private static String declineCode(String closeReason) {
        return switch (closeReason == null ? "" : closeReason) {
            case Ecny.INSUFFICIENT_BALANCE -> "insufficient_funds";
            case Ecny.WALLET_NOT_FOUND -> "invalid_account";
            case "EXPIRED" -> "order_expired";
            default -> "order_closed";
        };
    }

    /** A code that is no answer on the order: the operator did nothing (a system error, our signature refused). */
    private <T> T notDone(Read.Ok ok, Function<String, T> unavailable) {
        if (!ok.code().equals(Ecny.SYSTEM_ERROR)) {
            log.error("{}: the operator refused our request: {} {} (check the merchant number and keys)", name, ok.code(), ok.text("message"));
        }
        return unavailable.apply("the e-CNY operator answered " + ok.code());
    }

    @Override
    public OrderStatus query(String reference) {
        OrderStatus order = link.call("query", reference, false, OperatorLink.Retry.IDEMPOTENT, () -> get(Ecny.ORDERS_PATH + "/" + reference),
                read(ok -> switch (ok.code()) {
                    case Ecny.SUCCESS -> status(ok.body());
                    case Ecny.ORDER_NOT_FOUND -> new OrderStatus.NotFound();
                    default -> new OrderStatus.Unknown("the e-CNY operator answered " + ok.code());
                }, OrderStatus.Unknown::new, OrderStatus.Unknown::new), ChannelMetrics::outcome);
        if (!(order instanceof OrderStatus.NotFound)) {
            return order;
        }
        return link.call("query", reference, false, OperatorLink.Retry.IDEMPOTENT, () -> get(Ecny.REFUNDS_PATH + "/" + reference),
                read(ok -> switch (ok.code()) {
                    case Ecny.SUCCESS -> Ecny.REFUNDED.equals(ok.text("status"))
                            ? new OrderStatus.Paid(ok.text("refund_no"), Money.of(ok.body().path("amount").asLong(), "CNY"))
                            : new OrderStatus.Pending();
                    case Ecny.ORDER_NOT_FOUND -> new OrderStatus.NotFound();
                    default -> new OrderStatus.Unknown("the e-CNY operator answered " + ok.code());
                }, OrderStatus.Unknown::new, OrderStatus.Unknown::new), ChannelMetrics::outcome);
    }

    /** An order as the operator describes it, in answers and notifications. */
    private static OrderStatus status(JsonNode order) {
        String status = order.path("status").asString("");
        return switch (status) {
            case Ecny.PAID -> new OrderStatus.Paid(order.path("order_no").asString(), Money.of(order.path("amount").asLong(), "CNY"));
            case Ecny.WAITING_CONFIRM -> new OrderStatus.Pending();
            case Ecny.CLOSED, Ecny.FAILED -> {
                String code = declineCode(order.path("close_reason").asString(null));
                yield new OrderStatus.Failed(code, "The e-CNY order is " + status.toLowerCase(java.util.Locale.ROOT) + " (" + code + ").");
            }
            default -> new OrderStatus.Unknown("unknown order status " + status);
        };
    }


    @Override
    public ChannelResult close(String reference) {
        return link.call("close", reference, false, OperatorLink.Retry.IDEMPOTENT, () -> post(Ecny.ORDERS_PATH + "/" + reference + "/close", "{}"),
                read(ok -> switch (ok.code()) {
                    case Ecny.SUCCESS -> Ecny.PAID.equals(ok.text("status"))
                            ? new ChannelResult.Declined("order_paid", "The order was paid before it could be closed.")
                            : new ChannelResult.Approved(null);
                    case Ecny.ORDER_NOT_FOUND -> new ChannelResult.Approved(null);
                    case Ecny.ORDER_PAID -> new ChannelResult.Declined("order_paid", "The order was paid before it could be closed.");
                    default -> notDone(ok, ChannelResult.Unavailable::new);
                }, ChannelResult.Unavailable::new, ChannelResult.Unknown::new), ChannelMetrics::outcome);
    }

    @Override
    public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("out_refund_no", refundReference);
        body.put("out_order_no", paymentReference);
        body.put("amount", amount.amount());
        String text = json.writeValueAsString(body);
        return link.call("refund", refundReference, true, OperatorLink.Retry.WHEN_NOT_SENT, () -> post(Ecny.REFUNDS_PATH, text),
                read(ok -> switch (ok.code()) {
                    case Ecny.SUCCESS -> new ChannelResult.Approved(ok.text("refund_no"));
                    case Ecny.ORDER_NOT_FOUND, Ecny.ORDER_CLOSED, Ecny.REFUND_EXCEEDS_PAYMENT, Ecny.DUPLICATE_REFERENCE, Ecny.INVALID_REQUEST ->
                            new ChannelResult.Declined("refund_refused", "The e-CNY operator refused the refund: " + ok.code());
                    default -> notDone(ok, ChannelResult.Unavailable::new);
                }, ChannelResult.Unavailable::new, ChannelResult.Unknown::new), ChannelMetrics::outcome);
    }


    private HttpRequest post(String path, String body) {
        return signed(link.request(path).header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), body).build();
    }

    private HttpRequest get(String path) {
        return signed(link.request(path).GET(), "").build();
    }

    private HttpRequest.Builder signed(HttpRequest.Builder request, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        return request.header(Ecny.HEADER_MERCHANT, credentials.merchantNo())
                .header(Ecny.HEADER_TIMESTAMP, timestamp)
                .header(Ecny.HEADER_NONCE, nonce)
                .header(Ecny.HEADER_SIGNATURE, Ecny.sign(credentials.privateKey(), Ecny.signingString(timestamp, nonce, body)));
    }

    /** Reads a reply: 502-504 without a signed body is unavailable; an unsigned, badly signed or unreadable answer is unknown. */
    private <T> Function<Exchange, T> read(Function<Read.Ok, T> interpret, Function<String, T> unavailable, Function<String, T> unknown) {
        return exchange -> switch (exchange) {
            case Exchange.NotSent n -> unavailable.apply(n.reason());
            case Exchange.Lost l -> unknown.apply(l.reason());
            case Exchange.Reply r -> switch (verified(r.response())) {
                case Read.Ok ok -> interpret.apply(ok);
                case Read.NotDone nd -> unavailable.apply(nd.reason());
                case Read.Unclear u -> unknown.apply(u.reason());
            };
        };
    }

    private Read verified(HttpResponse<String> response) {
        String body = response.body();
        String timestamp = response.headers().firstValue(Ecny.HEADER_TIMESTAMP).orElse(null);
        String nonce = response.headers().firstValue(Ecny.HEADER_NONCE).orElse(null);
        String signature = response.headers().firstValue(Ecny.HEADER_SIGNATURE).orElse(null);
        boolean signedOk = timestamp != null && nonce != null
                && Ecny.verify(credentials.operatorPublicKey(), Ecny.signingString(timestamp, nonce, body), signature);
        int status = response.statusCode();
        if (!signedOk) {
            if (status == 502 || status == 503 || status == 504) {
                return new Read.NotDone("the e-CNY operator answered HTTP " + status);
            }
            log.warn("{}: an answer (HTTP {}) whose signature does not verify was ignored", name, status);
            return new Read.Unclear("the answer's signature does not verify (HTTP " + status + ")");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                return new Read.Unclear("the answer is not a JSON object");
            }
            return new Read.Ok(status, node);
        } catch (JacksonException e) {
            return new Read.Unclear("the answer is not JSON");
        }
    }

    @Override
    public Reply receive(Inbound notification) {
        String body = new String(notification.body(), StandardCharsets.UTF_8);
        String timestamp = notification.header(Ecny.HEADER_TIMESTAMP);
        String nonce = notification.header(Ecny.HEADER_NONCE);
        if (timestamp == null || nonce == null || !Ecny.verify(credentials.operatorPublicKey(), Ecny.signingString(timestamp, nonce, body),
                notification.header(Ecny.HEADER_SIGNATURE))) {
            log.warn("{}: a notification whose signature does not verify was refused", name);
            return new Reply(401, "application/json", "{\"code\":\"" + Ecny.INVALID_SIGNATURE + "\"}");
        }
        JsonNode order;
        try {
            order = json.readTree(body);
        } catch (JacksonException e) {
            return new Reply(400, "application/json", "{\"code\":\"" + Ecny.INVALID_REQUEST + "\"}");
        }
        String reference = order.path("out_order_no").asString(null);
        OrderStatus status = status(order);
        if (reference == null || status instanceof OrderStatus.Unknown) {
            return new Reply(400, "application/json", "{\"code\":\"" + Ecny.INVALID_REQUEST + "\"}");
        }
        if (status instanceof OrderStatus.Pending) {
            return new Reply(200, "application/json", "{\"code\":\"" + Ecny.SUCCESS + "\"}");
        }
        OrderNotifications.Outcome outcome = notifications.notify(name, reference, status);
        log.info("{}: notification {} for {}: {}", name, order.path("status").asString(), reference, outcome);
        return outcome == OrderNotifications.Outcome.ACCEPTED ? new Reply(200, "application/json", "{\"code\":\"" + Ecny.SUCCESS + "\"}")
                : new Reply(409, "application/json", "{\"code\":\"REJECTED\"}");
    }

    @Override
    public String toString() {
        return "EcnyChannel[" + name + ", " + link.settings().url() + ", merchant " + credentials.merchantNo() + "]";
    }
}
