package io.huitong.channels.iso20022;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.channels.ChannelBreaker;
import io.huitong.channels.ChannelCalls;
import io.huitong.channels.ChannelMetrics;
import io.huitong.channels.ChannelStatus;
import io.huitong.channels.ChannelWindow;
import io.huitong.channels.Connector;
import io.huitong.channels.NotificationReceiver;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.CancellationRequest;
import io.huitong.protocols.iso20022.CancellationResolution;
import io.huitong.protocols.iso20022.CreditTransfer;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Iso20022FormatException;
import io.huitong.protocols.iso20022.NotificationSignature;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.protocols.iso20022.PayoutBatch;
import io.huitong.protocols.iso20022.PayoutReport;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.iso20022.StatusReport;
import io.huitong.protocols.iso20022.StatusRequest;
import io.huitong.protocols.iso20022.TransactionStatus;
import io.huitong.protocols.iso20022.TxStatus;
import io.huitong.wallets.PayoutReturns;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bank reached over ISO 20022 ({@link io.huitong.protocols.iso20022}): payments' {@link OrderChannel} for
 * {@code bank_transfer} as pacs.008 / pacs.028 / camt.056 / pacs.004 over HTTP, the bank's signed pacs.002
 * pushes as a {@link NotificationReceiver}, and, for the payout and reconciliation work, batches of payouts
 * (pain.001) and daily statements (camt.053).
 *
 * <p>What an answer means is decided here, once. HTTP 5xx, a refused connection or a connection that could
 * not be made in time mean the bank booked nothing: {@link OrderResult.Unavailable}. No answer within the
 * reply timeout, a connection lost after the request went out, or an answer that cannot be read mean the
 * bank may have booked it: {@link OrderResult.Unknown}, which only a query settles.
 *
 * <p>Retries: a request whose connection failed before any answer arrived (refused, reset, closed) is sent
 * once more, at once. That is safe for every message because the bank treats a transaction whose reference
 * it already has as a duplicate and answers its status (see the interface's "Identity and retries"). A
 * request that timed out is not sent again here: the reply timeout bounds the wait, and a query decides.
 * New business the bank answered with "nothing booked" (5xx) is attempted again as the settings'
 * {@link io.huitong.channels.ChannelRetry} says.
 *
 * <p>A circuit breaker guards new business (open, refund, payouts) and counts Unavailable and Unknown as
 * failures, never a rejection; while it is open those calls answer Unavailable without touching the network.
 * Queries, cancellations and statements are not guarded: they settle what already happened. Account numbers
 * go on the wire only: logs and results name references and the last four digits at most.
 */
public final class Iso20022BankChannel implements OrderChannel, Connector, NotificationReceiver, AutoCloseable {

    public static final String METHOD = "bank_transfer";
    private static final Logger log = LoggerFactory.getLogger(Iso20022BankChannel.class);

    private final String name;
    private final BankChannelSettings settings;
    private final OrderNotifications notifications;
    private final Clock clock;
    private final Iso20022Codec codec = new Iso20022Codec();
    private final NotificationSignature signature;
    private final HttpClient http;
    private final ChannelBreaker breaker;
    private final ChannelMetrics metrics;
    private final ChannelWindow window = new ChannelWindow(200);
    private final ChannelCalls calls;
    private final Supplier<String> notifyUrl;
    private final BankReturnReceiver returns;

    public Iso20022BankChannel(String name, BankChannelSettings settings, OrderNotifications notifications, Clock clock,
                               MeterRegistry registry) {
        this(name, settings, notifications, clock, registry, () -> null, List::of);
    }

    /**
     * A bank that pushes returns of the payouts it paid too: {@code notifyUrl} is where (sent with each pain.001, null for
     * nowhere), {@code returns} who owns the payouts ({@link BankReturnReceiver}).
     */
    public Iso20022BankChannel(String name, BankChannelSettings settings, OrderNotifications notifications, Clock clock,
                               MeterRegistry registry, Supplier<String> notifyUrl, Supplier<List<PayoutReturns>> returns) {
        this.notifyUrl = notifyUrl;
        this.returns = new BankReturnReceiver(name, codec, returns);
        this.name = name;
        this.settings = settings;
        this.notifications = notifications;
        this.clock = clock;
        this.signature = new NotificationSignature(settings.signingKey());
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.breaker = ChannelBreaker.of(name, settings.breakerWindow(), settings.breakerMinimumCalls(), settings.breakerFailureRate(),
                settings.breakerOpenDuration(), clock);
        this.metrics = new ChannelMetrics(registry, name);
        this.calls = new ChannelCalls(name, breaker, metrics, window, settings.retry(), log);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String method() {
        return METHOD;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    @Override
    public ChannelBreaker breaker() {
        return breaker;
    }

    /**
     * A pacs.028 status request for a transaction that does not exist: any answer but 5xx (the simulated bank
     * answers 404, a bank a pacs.002 rejecting it) says the bank works.
     */
    @Override
    public boolean echo(Duration timeout) {
        HttpRequest request = post("pacs.028", codec.write(new StatusRequest(messageId(), "ECHO" + messageId().substring(2))))
                .timeout(timeout).build();
        return attempt(request) instanceof Exchange.Answer;
    }

    /** How the bank is doing: as for card acquirers, {@code down} while the breaker is open, {@code degraded} below 75 % decided. */
    /** Our account at the bank: payouts go out of it, pay-ins come into it, its statements are the bank's camt.053. */
    public BankAccount settlementAccount() {
        return settings.settlementAccount();
    }

    @Override
    public ChannelStatus status() {
        ChannelWindow.Snapshot recent = window.snapshot();
        CircuitBreaker.State state = breaker.state();
        String health = switch (state) {
            case OPEN, FORCED_OPEN -> "down";
            default -> recent.successRate() != null && recent.successRate() < 0.75 ? "degraded" : "up";
        };
        return new ChannelStatus(name, METHOD, "iso20022", settings.baseUrl().getHost(), settings.port(),
                state.name().toLowerCase(Locale.ROOT), health, recent);
    }

    // ---- payments' port ----

    @Override
    public OrderResult open(OrderRequest request) {
        if (request.payer() == null) {
            return new OrderResult.Declined("invalid_account", "A bank transfer needs the payer's bank account.");
        }
        BankAccount debtor = new BankAccount(request.payer().bankCode(), request.payer().accountNumber(), request.payer().accountName());
        CreditTransfer transfer = new CreditTransfer(messageId(), request.reference(), instructionId(request.reference()),
                UUID.randomUUID().toString(), request.amount().amount(), request.amount().currency(), debtor, settings.settlementAccount(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), remittance(request));
        HttpRequest.Builder http = post("pacs.008", codec.write(transfer));
        if (request.notifyUrl() != null) {
            http.header("Notify-Url", request.notifyUrl());
        }
        return call("open", request.reference(), true, http.build(), answer -> {
            if (answer.status() / 100 != 2) {
                return null;
            }
            TransactionStatus status = codec.readStatusReport(answer.body()).single();
            if (status.settled()) {
                return new OrderResult.Paid(request.reference());
            }
            if (status.pending()) {
                return new OrderResult.Opened(request.reference(), null, request.expiresAt());
            }
            if (status.rejected()) {
                Decline decline = decline(status.reason());
                return new OrderResult.Declined(decline.code(), decline.message());
            }
            return new OrderResult.Unknown("the bank answered status " + status.status());
        }, OrderResult.Unavailable::new, OrderResult.Unknown::new, ChannelMetrics::outcome);
    }

    @Override
    public OrderStatus query(String reference) {
        HttpRequest request = post("pacs.028", codec.write(new StatusRequest(messageId(), reference))).build();
        return call("query", reference, false, request, answer -> {
            if (answer.status() == 404) {
                return new OrderStatus.NotFound();
            }
            if (answer.status() / 100 != 2) {
                return null;
            }
            TransactionStatus status = codec.readStatusReport(answer.body()).single();
            return orderStatus(status);
        }, OrderStatus.Unknown::new, OrderStatus.Unknown::new, ChannelMetrics::outcome);
    }

    @Override
    public ChannelResult close(String reference) {
        HttpRequest request = post("camt.056", codec.write(new CancellationRequest(caseId(), reference, "CUST"))).build();
        return call("close", reference, false, request, answer -> {
            if (answer.status() / 100 != 2) {
                return null;
            }
            CancellationResolution resolution = codec.readCancellationResolution(answer.body());
            if (resolution.cancelled()) {
                return new ChannelResult.Approved(null);
            }
            if (CancellationResolution.ALREADY_SETTLED.equals(resolution.reason())) {
                return new ChannelResult.Declined("already_paid", "The transfer settled before it could be cancelled.");
            }
            return new ChannelResult.Declined("close_refused", "The bank refused to cancel the transfer (" + resolution.reason() + ").");
        }, ChannelResult.Unavailable::new, ChannelResult.Unknown::new, ChannelMetrics::outcome);
    }

    /**
     * A pacs.004 return of part or all of a settled pay-in. A return the bank accepts but settles later
     * (ACSP) is answered {@link ChannelResult.Unknown} with that reason: the port has no "pending" answer
     * for refunds, and a query of the refund's reference tells when it settled.
     */
    @Override
    public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
        HttpRequest request = post("pacs.004", codec.write(new PaymentReturn(messageId(), refundReference, paymentReference, amount.amount(),
                amount.currency(), "CUST"))).build();
        return call("refund", refundReference, true, request, answer -> {
            if (answer.status() / 100 != 2) {
                return null;
            }
            TransactionStatus status = codec.readStatusReport(answer.body()).single();
            if (status.settled()) {
                return new ChannelResult.Approved(refundReference);
            }
            if (status.pending()) {
                return new ChannelResult.Unknown("the return is accepted and settles later; query " + refundReference);
            }
            return new ChannelResult.Declined("refund_refused", "The bank refused the return (" + status.reason() + ").");
        }, ChannelResult.Unavailable::new, ChannelResult.Unknown::new, result -> result instanceof ChannelResult.Unknown u
                && u.reason().startsWith("the return is accepted") ? ChannelMetrics.Outcome.PENDING : ChannelMetrics.outcome(result));
    }

    // ---- payouts and statements ----

    /**
     * Sends payouts from our settlement account as one pain.001 batch, and answers one result per payout, in
     * their order. The batch may be sent again with the same references after an Unavailable or Unknown
     * answer: the bank makes each payout once.
     */
    public List<PayoutResult> payouts(List<BankPayout> payouts) {
        return payouts(messageId(), null, payouts);
    }

    /**
     * Sends payouts as one pain.001 named {@code messageId} (its {@code MsgId} and {@code PmtInfId}, at most 35 characters);
     * {@code batchBooking} true asks the bank to book them as one entry of our statement, named by it, false one entry per
     * payout, null leaves it to what was agreed with the bank. Answers as {@link #payouts(List)}.
     */
    public List<PayoutResult> payouts(String messageId, Boolean batchBooking, List<BankPayout> payouts) {
        if (payouts.isEmpty()) {
            return List.of();
        }
        PayoutBatch batch = new PayoutBatch(messageId, settings.settlementAccount(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                payouts.stream().map(p -> new PayoutBatch.Payout(p.reference(), p.amount().amount(), p.amount().currency(),
                        new BankAccount(p.bankCode(), p.accountNumber(), p.accountName()), p.remittance())).toList(), batchBooking);
        HttpRequest.Builder http = post("pain.001", codec.write(batch));
        String returnsTo = notifyUrl.get();
        if (returnsTo != null) {
            http.header("Notify-Url", returnsTo); // where the bank pushes a return of a payout it paid
        }
        HttpRequest request = http.build();
        return call("payouts", batch.messageId(), true, request, answer -> {
            if (answer.status() / 100 != 2) {
                return null;
            }
            PayoutReport report = codec.readPayoutReport(answer.body());
            List<PayoutResult> results = new ArrayList<>();
            for (BankPayout p : payouts) {
                TransactionStatus status = report.transactions().stream().filter(s -> s.reference().equals(p.reference())).findFirst()
                        .orElse(null);
                if (status == null) {
                    results.add(new PayoutResult.Unknown(p.reference(), "the bank's report does not mention this payout"));
                } else if (status.settled()) {
                    results.add(new PayoutResult.Settled(p.reference()));
                } else if (status.pending()) {
                    results.add(new PayoutResult.Pending(p.reference()));
                } else {
                    Decline decline = decline(status.reason());
                    results.add(new PayoutResult.Rejected(p.reference(), decline.code().equals("payment_declined") ? "payout_rejected"
                            : decline.code(), decline.message()));
                }
            }
            return List.copyOf(results);
        }, reason -> payouts.stream().map(p -> (PayoutResult) new PayoutResult.Unavailable(p.reference(), reason)).toList(),
                reason -> payouts.stream().map(p -> (PayoutResult) new PayoutResult.Unknown(p.reference(), reason)).toList(),
                results -> results.stream().allMatch(r -> r instanceof PayoutResult.Unavailable) ? ChannelMetrics.Outcome.ERROR
                        : results.stream().anyMatch(r -> r instanceof PayoutResult.Unknown) ? ChannelMetrics.Outcome.UNKNOWN
                        : ChannelMetrics.Outcome.APPROVED);
    }

    /** The day's camt.053 statement of our settlement account; {@link BankStatement.Unavailable} when it cannot be had. */
    public BankStatement statement(LocalDate date) {
        HttpRequest request = HttpRequest.newBuilder(endpoint("camt.053?date=" + date)).timeout(settings.replyTimeout()).GET().build();
        Object result = call("statement", date.toString(), false, request, answer -> {
            if (answer.status() / 100 != 2) {
                return null;
            }
            Statement s = codec.readStatement(answer.body());
            return new BankStatement(s.date(), s.statementId(), new Money(s.openingBalance(), s.currency()),
                    new Money(s.closingBalance(), s.currency()), s.entries().stream().map(e -> new BankStatement.Entry(e.reference(),
                            new Money(e.amount(), e.currency()), e.credit(), e.bookingDate(), e.kind())).toList());
        }, reason -> (Object) reason, reason -> (Object) reason,
                r -> r instanceof BankStatement ? ChannelMetrics.Outcome.APPROVED : ChannelMetrics.Outcome.ERROR);
        if (result instanceof BankStatement statement) {
            return statement;
        }
        throw new BankStatement.Unavailable("the statement of " + date + " could not be had: " + result);
    }

    // ---- notifications ----

    /**
     * A pacs.002 the bank pushed: checked against the shared key (401 for a missing, wrong or stale signature,
     * 400 for a malformed one or a body that is not a status report), then handed to payments: 200 when
     * accepted, 422 when payments refused it. Pending statuses are acknowledged and change nothing. A pacs.004, as
     * signed, is a payout the bank paid and got back ({@link BankReturnReceiver}).
     */
    @Override
    public Reply receive(Inbound notification) {
        byte[] body = notification.body() == null ? new byte[0] : notification.body();
        NotificationSignature.Verdict verdict = signature.verify(notification.header(NotificationSignature.HEADER), body,
                clock.instant().getEpochSecond(), settings.signatureTolerance().toSeconds());
        switch (verdict) {
            case VALID -> { }
            case MALFORMED -> {
                log.warn("{} notification refused: malformed signature", name);
                return text(400, "malformed signature");
            }
            default -> {
                log.warn("{} notification refused: signature {}", name, verdict.name().toLowerCase(Locale.ROOT));
                return text(401, "signature " + verdict.name().toLowerCase(Locale.ROOT));
            }
        }
        if (isReturn(body)) {
            return returns.receive(body);
        }
        StatusReport report;
        try {
            report = codec.readStatusReport(new String(body, StandardCharsets.UTF_8));
        } catch (Iso20022FormatException e) {
            log.warn("{} notification refused: {}", name, e.getMessage());
            return text(400, "not a pacs.002 status report: " + e.getMessage());
        }
        if (report.transactions().isEmpty()) {
            return text(400, "the status report carries no transaction");
        }
        boolean refused = false;
        for (TransactionStatus status : report.transactions()) {
            OrderStatus order;
            try {
                order = orderStatus(status);
            } catch (IllegalArgumentException e) {
                log.warn("{} notification about {} refused: {}", name, status.reference(), e.getMessage());
                return text(400, "unreadable status of " + status.reference());
            }
            if (order instanceof OrderStatus.Pending) {
                continue;
            }
            if (order instanceof OrderStatus.Unknown u) {
                return text(400, u.reason());
            }
            OrderNotifications.Outcome outcome = notifications.notify(name, status.reference(), order);
            log.info("{} notification {} {}: {}", name, status.reference(), status.status(), outcome);
            refused |= outcome == OrderNotifications.Outcome.REJECTED;
        }
        return refused ? text(422, "rejected") : text(200, "ok");
    }

    private boolean isReturn(byte[] body) {
        try {
            return codec.messageName(new String(body, StandardCharsets.UTF_8)).equals(Iso20022Codec.PACS_004);
        } catch (Iso20022FormatException e) {
            return false;
        }
    }

    private static Reply text(int status, String body) {
        return new Reply(status, "text/plain", body);
    }

    // ---- what answers mean ----

    private record Decline(String code, String message) {
    }

    private static Decline decline(String reason) {
        if (reason == null) {
            return new Decline("payment_declined", "The bank rejected the transfer.");
        }
        return switch (reason) {
            case TxStatus.AM04 -> new Decline("insufficient_funds", "The account has insufficient funds.");
            case TxStatus.AC01, TxStatus.AC04, TxStatus.AC06 -> new Decline("invalid_account",
                    "The bank account cannot be used (" + reason + ").");
            default -> new Decline("payment_declined", "The bank rejected the transfer (" + reason + ").");
        };
    }

    /** A settled, pending or rejected transaction as payments' {@link OrderStatus}. */
    private static OrderStatus orderStatus(TransactionStatus status) {
        if (status.settled()) {
            if (status.amount() == null) {
                return new OrderStatus.Unknown("the bank did not say the settled amount");
            }
            return new OrderStatus.Paid(status.reference(), new Money(status.amount(), status.currency()));
        }
        if (status.pending()) {
            return new OrderStatus.Pending();
        }
        if (status.rejected()) {
            if (TxStatus.CANCELLED.equals(status.reason())) {
                return new OrderStatus.Failed("cancelled", "The transfer was cancelled before it settled.");
            }
            Decline decline = decline(status.reason());
            return new OrderStatus.Failed(decline.code(), decline.message());
        }
        return new OrderStatus.Unknown("the bank answered status " + status.status());
    }




    // ---- the exchange ----

    private sealed interface Exchange {
        record Answer(int status, String body) implements Exchange {
        }

        /** Certainly not received by the bank (or answered 5xx: received, nothing booked). */
        record NotSent(String reason) implements Exchange {
        }

        /** May have been received and acted on. */
        record Lost(String reason) implements Exchange {
        }
    }

    /**
     * One request, measured and logged; a {@code guarded} one also through the breaker. {@code interpret} reads
     * a 2xx/404 answer (null for any other status: 5xx is "not booked", 4xx "refused unread", both Unavailable);
     * an answer it cannot read is Unknown.
     */
    private <T> T call(String operation, String reference, boolean guarded, HttpRequest request, Function<Exchange.Answer, T> interpret,
                       Function<String, T> unavailable, Function<String, T> unknown, Function<T, ChannelMetrics.Outcome> outcomeOf) {
        if (guarded) {
            return calls.call(operation, Iso20022BankChannel::nothingBooked,
                    permitted -> once(reference, permitted, request, interpret, unavailable, unknown, outcomeOf));
        }
        long start = System.nanoTime();
        ChannelCalls.Attempted<T> done = once(reference, calls.permit(false), request, interpret, unavailable, unknown, outcomeOf);
        return calls.finish(operation, reference, false, true, start, done.outcome(), done.result());
    }

    /** An answer to new business that says the bank booked none of it: it may be sent again. */
    private static boolean nothingBooked(Object result) {
        return ChannelCalls.unavailable(result)
                || result instanceof List<?> payouts && !payouts.isEmpty() && payouts.stream().allMatch(PayoutResult.Unavailable.class::isInstance);
    }

    private <T> ChannelCalls.Attempted<T> once(String reference, boolean permitted, HttpRequest request,
                                               Function<Exchange.Answer, T> interpret, Function<String, T> unavailable,
                                               Function<String, T> unknown, Function<T, ChannelMetrics.Outcome> outcomeOf) {
        Exchange exchange = permitted ? exchange(request) : new Exchange.NotSent("circuit breaker open for " + name);
        T result;
        ChannelMetrics.Outcome outcome;
        switch (exchange) {
            case Exchange.NotSent n -> {
                result = unavailable.apply(n.reason());
                outcome = ChannelMetrics.Outcome.ERROR;
            }
            case Exchange.Lost l -> {
                result = unknown.apply(l.reason());
                outcome = ChannelMetrics.Outcome.UNKNOWN;
            }
            case Exchange.Answer a -> {
                T read;
                try {
                    read = interpret.apply(a);
                } catch (Iso20022FormatException e) {
                    read = unknown.apply("the bank's answer could not be read: " + e.getMessage());
                }
                if (read == null) {
                    result = unavailable.apply("the bank answered HTTP " + a.status() + ", nothing booked");
                    outcome = ChannelMetrics.Outcome.ERROR;
                } else {
                    result = read;
                    outcome = outcomeOf.apply(read);
                }
            }
        }
        return new ChannelCalls.Attempted<>(reference, result, outcome);
    }

    /** Sends, and once more at once if the connection failed before any answer (see the class comment). */
    private Exchange exchange(HttpRequest request) {
        Exchange first = attempt(request);
        if (first instanceof Exchange.Lost lost && lost.reason().startsWith("connection failed")
                || first instanceof Exchange.NotSent notSent && notSent.reason().startsWith("connection refused")) {
            Exchange second = attempt(request);
            if (second instanceof Exchange.NotSent n && first instanceof Exchange.Lost l) {
                return new Exchange.Lost(l.reason() + "; then " + n.reason()); // the first may have arrived
            }
            return second;
        }
        return first;
    }

    private Exchange attempt(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 5) {
                return new Exchange.NotSent("the bank answered HTTP " + response.statusCode() + ", nothing booked");
            }
            return new Exchange.Answer(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            return new Exchange.NotSent("no connection within " + settings.connectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new Exchange.Lost("no answer within " + settings.replyTimeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return new Exchange.NotSent("connection refused by " + settings.baseUrl().getHost() + ":" + settings.port());
        } catch (IOException e) {
            return new Exchange.Lost("connection failed before an answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange.Lost("interrupted while waiting for the bank");
        }
    }

    private HttpRequest.Builder post(String message, String xml) {
        return HttpRequest.newBuilder(endpoint(message)).timeout(settings.replyTimeout())
                .header("Content-Type", "application/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
    }

    private URI endpoint(String path) {
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/iso20022/" + path);
    }

    private static String remittance(OrderRequest request) {
        String text = request.description() != null ? request.description() : request.merchantName();
        return text == null ? null : text.length() > 140 ? text.substring(0, 140) : text;
    }

    private static String messageId() {
        return "HT" + UUID.randomUUID().toString().replace("-", "").substring(0, 30).toUpperCase(Locale.ROOT);
    }

    private static String caseId() {
        return "CX" + UUID.randomUUID().toString().replace("-", "").substring(0, 30).toUpperCase(Locale.ROOT);
    }

    private static String instructionId(String reference) {
        return reference.length() <= 35 ? reference : reference.substring(0, 35);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "Iso20022BankChannel[" + name + ", " + settings.baseUrl() + "]";
    }

}
