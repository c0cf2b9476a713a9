package io.huitong.channels.iso8583;

import io.huitong.channels.ChannelBreaker;
import io.huitong.channels.ChannelCalls;
import io.huitong.channels.ChannelMetrics;
import io.huitong.channels.ChannelStatus;
import io.huitong.channels.Connector;
import io.huitong.channels.ChannelWindow;
import com.solab.iso8583.IsoMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.Inquiry;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.ResponseCode;
import io.huitong.protocols.iso8583.TransactionState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A card acquirer reached over ISO 8583 ({@link io.huitong.protocols.iso8583}): payments'
 * {@link CardChannel} port turned into 0100/0200/0220/0400/0800 messages on one multiplexed TCP
 * connection.
 *
 * <p>What an answer means is decided here, once: an approval, a decline (with docs/api.md's code), a step-up
 * request; response codes 91/96 and a connection that failed before the request was written are
 * {@link ChannelResult.Unavailable} (the acquirer certainly did nothing: it may be asked again, as the settings'
 * {@link io.huitong.channels.ChannelRetry} says, and another channel may be tried);
 * no answer in time, or a connection lost after the request was written, is {@link ChannelResult.Unknown}
 * and never Unavailable, because the acquirer may have acted.
 *
 * <p>Why 96 (system malfunction) counts as "did nothing": it is an answer, not silence, and it approves
 * nothing (no authorization code, no hold on the card): the acquirer's system failed before it could act, and a
 * request answered so may be sent again. Only silence may hide an approval.
 *
 * <p>A circuit breaker counts Unavailable and Unknown as failures (declines are the card's doing, not the
 * channel's); while it is open every call answers Unavailable at once, without touching the network.
 * Card numbers and CVCs go on the wire only: no log line, message or {@code toString} here shows them.
 */
public final class Iso8583CardChannel implements CardChannel, Connector, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Iso8583CardChannel.class);

    private final String name;
    private final Iso8583ChannelSettings settings;
    private final Messages messages;
    private final AcquirerLink link;
    private final ChannelBreaker breaker;
    private final ChannelMetrics metrics;
    private final ChannelWindow window = new ChannelWindow(200);
    private final ChannelCalls calls;

    public Iso8583CardChannel(String name, Iso8583ChannelSettings settings, Clock clock, MeterRegistry registry) {
        this.name = name;
        this.settings = settings;
        Iso8583Codec codec = new Iso8583Codec();
        this.messages = new Messages(codec, clock);
        this.link = new AcquirerLink(name, settings.host(), settings.port(), settings.connectTimeout(), codec);
        this.breaker = ChannelBreaker.of(name, settings.breakerWindow(), settings.breakerMinimumCalls(), settings.breakerFailureRate(),
                settings.breakerOpenDuration(), clock);
        this.metrics = new ChannelMetrics(registry, name);
        this.calls = new ChannelCalls(name, breaker, metrics, window, settings.retry(), log);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * How this acquirer is doing: its breaker, and its newest 200 calls that reached it. Health is
     * {@code down} while the breaker is open, {@code degraded} when a quarter or more of those calls got
     * no decision, otherwise {@code up}.
     */
    public ChannelStatus status() {
        ChannelWindow.Snapshot recent = window.snapshot();
        CircuitBreaker.State state = breaker.state();
        String health = switch (state) {
            case OPEN, FORCED_OPEN -> "down";
            default -> recent.successRate() != null && recent.successRate() < 0.75 ? "degraded" : "up";
        };
        return new ChannelStatus(name, "card", "iso8583", settings.host(), settings.port(), state.name().toLowerCase(Locale.ROOT),
                health, recent);
    }

    @Override
    public ChannelWindow.Snapshot recent(Duration within) {
        return window.snapshot(within);
    }

    /** The circuit breaker's state: CLOSED (calling), OPEN (not calling), HALF_OPEN (trying again). */
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    @Override
    public ChannelBreaker breaker() {
        return breaker;
    }

    @Override
    public ChannelResult authorize(CardAuthorization request) {
        return call("authorize", request.reference(), () -> messages.authorization(request), reply -> switch (meaning(reply)) {
            case APPROVED -> new ChannelResult.Approved(authorizationCode(reply));
            case AUTHENTICATION_REQUIRED -> new ChannelResult.ActionRequired();
            case NOT_PROCESSED -> notProcessed(reply);
            case DECLINED, NOT_FOUND -> new ChannelResult.Declined(ResponseCode.declineCode(rc(reply)), ResponseCode.declineMessage(rc(reply)));
        });
    }

    @Override
    public ChannelResult capture(String reference, Money amount) {
        return call("capture", reference, () -> messages.completion(reference, amount),
                reply -> followUp(reply, "capture_refused", "The authorization can no longer be captured."));
    }

    @Override
    public ChannelResult release(String reference) {
        return call("release", reference, () -> messages.reversal(reference),
                reply -> followUp(reply, "release_refused", "The acquirer refused to release the authorization."));
    }

    @Override
    public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
        return call("refund", refundReference, () -> messages.refund(refundReference, paymentReference, amount),
                reply -> followUp(reply, "refund_refused", "The acquirer refused the refund."));
    }

    @Override
    public ChannelResult reverse(String reference) {
        return recover("reverse", reference, messages.reversal(reference),
                reply -> followUp(reply, "reversal_refused", "The acquirer refused the reversal."));
    }

    @Override
    public Inquiry inquire(String reference) {
        return exchange("inquire", reference, messages.inquiry(reference), exchange -> switch (exchange) {
            case Exchange.Reply r -> status(r.message());
            case Exchange.NotSent n -> new Inquiry.Unknown(n.reason());
            case Exchange.Lost l -> new Inquiry.Unknown(l.reason());
        }, inquiry -> switch (inquiry) {
            case Inquiry.Approved a -> ChannelMetrics.Outcome.APPROVED;
            case Inquiry.Declined d -> ChannelMetrics.Outcome.DECLINED;
            case Inquiry.NotFound n -> ChannelMetrics.Outcome.DECLINED;
            case Inquiry.Unknown u -> ChannelMetrics.Outcome.ERROR;
        });
    }

    /** What a status answer says about the original transaction. */
    private static Inquiry status(IsoMessage reply) {
        if (ResponseCode.RECORD_NOT_FOUND.equals(rc(reply))) {
            return new Inquiry.NotFound();
        }
        if (!ResponseCode.APPROVED.equals(rc(reply)) || Iso8583Codec.get(reply, Field.TRANSACTION_STATE) == null) {
            return new Inquiry.Unknown("the acquirer answered " + rc(reply));
        }
        TransactionState state = TransactionState.ofWire(Iso8583Codec.get(reply, Field.TRANSACTION_STATE));
        return switch (state) {
            case AUTHORIZED, CAPTURED, REFUNDED -> new Inquiry.Approved(authorizationCode(reply));
            case REVERSED -> new Inquiry.Declined("reversed", "The request was reversed.");
            case DECLINED -> {
                String original = Iso8583Codec.get(reply, Field.ADDITIONAL_RESPONSE_DATA);
                yield new Inquiry.Declined(ResponseCode.declineCode(original), ResponseCode.declineMessage(original));
            }
        };
    }

    /**
     * New business, through the breaker, whose answer is a {@link ChannelResult}; {@code interpret} reads a reply.
     * Each attempt is a new request ({@code request} builds it, with its own STAN); only an Unavailable one is
     * attempted again.
     */
    private ChannelResult call(String operation, String reference, Supplier<IsoMessage> request, Function<IsoMessage, ChannelResult> interpret) {
        Function<Exchange, ChannelResult> result = result(interpret);
        return calls.call(operation, r -> r instanceof ChannelResult.Unavailable,
                permitted -> attempt(reference, request.get(), permitted, result, ChannelMetrics::outcome));
    }

    /**
     * A request that settles an earlier one whose outcome is unknown (a reversal). It goes out even while
     * the breaker is open: the breaker keeps new business away from a failing acquirer, but a charge that
     * may have happened must still be undone there.
     */
    private ChannelResult recover(String operation, String reference, IsoMessage request, Function<IsoMessage, ChannelResult> interpret) {
        return exchange(operation, reference, request, result(interpret), ChannelMetrics::outcome);
    }

    private static Function<Exchange, ChannelResult> result(Function<IsoMessage, ChannelResult> interpret) {
        return exchange -> switch (exchange) {
            case Exchange.Reply r -> interpret.apply(r.message());
            case Exchange.NotSent n -> new ChannelResult.Unavailable(n.reason());
            case Exchange.Lost l -> new ChannelResult.Unknown(l.reason());
        };
    }

    /**
     * One request the breaker does not guard (inquiries and reversals: they settle what already happened),
     * measured and logged.
     */
    private <T> T exchange(String operation, String reference, IsoMessage request, Function<Exchange, T> interpret,
                           Function<T, ChannelMetrics.Outcome> outcomeOf) {
        long start = System.nanoTime();
        ChannelCalls.Attempted<T> done = attempt(reference, request, calls.permit(false), interpret, outcomeOf);
        return calls.finish(operation, done.reference(), false, true, start, done.outcome(), done.result());
    }

    /**
     * One request through the link, unless the breaker kept it back ({@code permitted} false): then it answers
     * as a link that could not send would, and nothing reaches the network. Errors and unknown outcomes count
     * as failures, anything the acquirer decided as a success.
     */
    private <T> ChannelCalls.Attempted<T> attempt(String reference, IsoMessage request, boolean permitted, Function<Exchange, T> interpret,
                                                  Function<T, ChannelMetrics.Outcome> outcomeOf) {
        String stan = Iso8583Codec.get(request, Field.STAN);
        Exchange exchange = permitted ? link.send(request, stan, settings.replyTimeout())
                : new Exchange.NotSent("circuit breaker open for " + name);
        T result = interpret.apply(exchange);
        ChannelMetrics.Outcome outcome = switch (exchange) {
            case Exchange.NotSent n -> ChannelMetrics.Outcome.ERROR;
            case Exchange.Lost l -> ChannelMetrics.Outcome.UNKNOWN;
            case Exchange.Reply r -> outcomeOf.apply(result);
        };
        return new ChannelCalls.Attempted<>(reference + " (stan " + stan + ")", result, outcome);
    }


    /** Completions, reversals and refunds: approved, refused, or not done at all. */
    private static ChannelResult followUp(IsoMessage reply, String refusal, String message) {
        return switch (meaning(reply)) {
            case APPROVED -> new ChannelResult.Approved(authorizationCode(reply));
            case NOT_PROCESSED -> notProcessed(reply);
            case DECLINED, NOT_FOUND, AUTHENTICATION_REQUIRED -> new ChannelResult.Declined(refusal, message + " (response code " + rc(reply) + ")");
        };
    }

    private static ChannelResult notProcessed(IsoMessage reply) {
        return new ChannelResult.Unavailable("the acquirer answered " + rc(reply) + ", not processed");
    }

    private static ResponseCode.Meaning meaning(IsoMessage reply) {
        return ResponseCode.meaning(rc(reply));
    }

    private static String rc(IsoMessage reply) {
        return Iso8583Codec.get(reply, Field.RESPONSE_CODE);
    }

    private static String authorizationCode(IsoMessage reply) {
        return Iso8583Codec.get(reply, Field.AUTHORIZATION_CODE);
    }

    /** Sends an echo test (0800, 301) and waits the reply timeout: true when the acquirer answered approved in time. */
    public boolean echo() {
        return echo(settings.replyTimeout());
    }

    /**
     * Network management's echo test (0800, field 70 = 301): true when the acquirer answered approved within
     * {@code timeout}. Neither the breaker nor the recent calls count it.
     */
    @Override
    public boolean echo(Duration timeout) {
        IsoMessage request = messages.echo();
        Exchange exchange = link.send(request, Iso8583Codec.get(request, Field.STAN), timeout);
        return exchange instanceof Exchange.Reply r && ResponseCode.APPROVED.equals(rc(r.message()));
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "Iso8583CardChannel[" + name + ", " + settings.host() + ":" + settings.port() + "]";
    }

}
