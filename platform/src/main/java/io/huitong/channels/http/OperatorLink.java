package io.huitong.channels.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.channels.ChannelBreaker;
import io.huitong.channels.ChannelCalls;
import io.huitong.channels.ChannelMetrics;
import io.huitong.channels.ChannelStatus;
import io.huitong.channels.ChannelWindow;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an operator connector (e-CNY, the wallet operator): one {@link HttpClient} with the
 * channel's timeouts, a circuit breaker for new business, meters, a {@link ChannelWindow} and the status
 * operators see. What a call's outcome means is decided once: an answer is whatever the connector reads in
 * it; a connection that could not be made is {@link Exchange.NotSent} (the operator certainly did nothing);
 * no answer in time or a connection lost after sending is {@link Exchange.Lost} (it may have acted).
 */
public final class OperatorLink {

    private static final Logger log = LoggerFactory.getLogger(OperatorLink.class);

    /** What came of sending a request. */
    public sealed interface Exchange {
        record Reply(HttpResponse<String> response) implements Exchange {
        }

        record NotSent(String reason) implements Exchange {
        }

        record Lost(String reason) implements Exchange {
        }
    }

    /** When a request may be sent again: never, only when it certainly did not leave, or whenever it got no answer. */
    public enum Retry { NONE, WHEN_NOT_SENT, IDEMPOTENT }

    private final String name;
    private final String protocol;
    private final OperatorSettings settings;
    private final HttpClient http;
    private final ChannelBreaker breaker;
    private final ChannelMetrics metrics;
    private final ChannelWindow window = new ChannelWindow(200);
    private final ChannelCalls calls;

    public OperatorLink(String name, String protocol, OperatorSettings settings, Clock clock, MeterRegistry registry) {
        this.name = name;
        this.protocol = protocol;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.breaker = ChannelBreaker.of(name, settings.breakerWindow(), settings.breakerMinimumCalls(), settings.breakerFailureRate(),
                settings.breakerOpenDuration(), clock);
        this.metrics = new ChannelMetrics(registry, name);
        this.calls = new ChannelCalls(name, breaker, metrics, window, settings.retry(), log);
    }

    public OperatorSettings settings() {
        return settings;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    public ChannelBreaker breaker() {
        return breaker;
    }

    /**
     * Sends a request (built afresh for each attempt, so that a retry carries a fresh signature) and reads
     * the outcome with {@code interpret}; {@code outcomeOf} says how the meters and the breaker count a
     * result that came from an answer. A {@code guarded} call goes through the breaker: while it is open
     * the call is {@link Exchange.NotSent} without touching the network. A guarded call whose result is
     * unavailable (the operator certainly did nothing) is attempted again as the settings' retry says.
     */
    public <T> T call(String operation, String reference, boolean guarded, Retry retry, java.util.function.Supplier<HttpRequest> request,
                      Function<Exchange, T> interpret, Function<T, ChannelMetrics.Outcome> outcomeOf) {
        if (guarded) {
            return calls.call(operation, ChannelCalls::unavailable, permitted -> attempt(operation, reference, permitted, retry, request,
                    interpret, outcomeOf));
        }
        long start = System.nanoTime();
        ChannelCalls.Attempted<T> done = attempt(operation, reference, calls.permit(false), retry, request, interpret, outcomeOf);
        return calls.finish(operation, reference, false, true, start, done.outcome(), done.result());
    }

    private <T> ChannelCalls.Attempted<T> attempt(String operation, String reference, boolean permitted, Retry retry,
                                                  java.util.function.Supplier<HttpRequest> request, Function<Exchange, T> interpret,
                                                  Function<T, ChannelMetrics.Outcome> outcomeOf) {
        Exchange exchange = permitted ? send(request.get()) : new Exchange.NotSent("circuit breaker open for " + name);
        if (permitted && (exchange instanceof Exchange.NotSent && retry != Retry.NONE
                || exchange instanceof Exchange.Lost && retry == Retry.IDEMPOTENT)) {
            log.info("{} {} {}: {}, sending once more", name, operation, reference, exchange);
            exchange = send(request.get());
        }
        T result = interpret.apply(exchange);
        ChannelMetrics.Outcome outcome = switch (exchange) {
            case Exchange.NotSent n -> ChannelMetrics.Outcome.ERROR;
            case Exchange.Lost l -> ChannelMetrics.Outcome.UNKNOWN;
            case Exchange.Reply r -> outcomeOf.apply(result);
        };
        return new ChannelCalls.Attempted<>(reference, result, outcome);
    }

    /**
     * A request that only asks whether the operator answers (see {@link io.huitong.channels.Connector#echo}):
     * sent once with {@code timeout} instead of the reply timeout, counted nowhere; true when {@code answered}
     * accepts what came back.
     */
    public boolean echo(HttpRequest request, Duration timeout, java.util.function.Predicate<Exchange> answered) {
        return answered.test(send(HttpRequest.newBuilder(request, (header, value) -> true).timeout(timeout).build()));
    }

    private Exchange send(HttpRequest request) {
        try {
            return new Exchange.Reply(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (HttpConnectTimeoutException e) {
            return new Exchange.NotSent("no connection to " + name + " in " + settings.connectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new Exchange.Lost("no answer from " + name + " in " + settings.replyTimeout().toMillis() + " ms");
        } catch (ConnectException | UnresolvedAddressException e) {
            return new Exchange.NotSent("no connection to " + name + ": " + e);
        } catch (IOException e) {
            return new Exchange.Lost("the connection to " + name + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange.Lost("interrupted while waiting for " + name);
        }
    }

    /** A request to the operator, with the channel's reply timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(settings.resolve(path)).timeout(settings.replyTimeout());
    }

    /** The same rule as the card channels': down while the breaker is open, degraded under 75% decided. */
    public ChannelStatus status(String kind) {
        ChannelWindow.Snapshot recent = window.snapshot();
        CircuitBreaker.State state = breaker.state();
        String health = switch (state) {
            case OPEN, FORCED_OPEN -> "down";
            default -> recent.successRate() != null && recent.successRate() < 0.75 ? "degraded" : "up";
        };
        return new ChannelStatus(name, kind, protocol, settings.host(), settings.port(), state.name().toLowerCase(Locale.ROOT), health, recent);
    }

}
