package io.huitong.channels;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * What every connector does around a call to its channel: asks the circuit breaker whether new business
 * may go out ({@link #permit}), and once the call is over ({@link #finish}) tells the breaker how it went,
 * counts it in the metrics and in the window routing and operators read, and logs a call that got no
 * decision. A call that was decided (approved, declined, pending) counts as a success for the breaker; an
 * error or an unknown outcome as a failure. Calls the breaker does not guard (inquiries, reversals) never
 * touch it.
 */
public final class ChannelCalls {

    private final String name;
    private final CircuitBreaker breaker;
    private final ChannelMetrics metrics;
    private final ChannelWindow window;
    private final Logger log;

    public ChannelCalls(String name, CircuitBreaker breaker, ChannelMetrics metrics, ChannelWindow window, Logger log) {
        this.name = name;
        this.breaker = breaker;
        this.metrics = metrics;
        this.window = window;
        this.log = log;
    }

    /**
     * A connector's breaker: count-based over the last {@code window} calls, judging once {@code minimumCalls}
     * were made, open at {@code failureRate} % of calls without a decision, half-open after {@code openFor} with
     * one trial call.
     */
    public static CircuitBreaker breaker(String name, int window, int minimumCalls, float failureRate, java.time.Duration openFor,
                                         java.time.Clock clock) {
        return CircuitBreaker.of(name, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindow(window, minimumCalls, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    }

    /** Whether the call may go out: always for unguarded calls, for guarded ones while the breaker lets them. */
    public boolean permit(boolean guarded) {
        return !guarded || breaker.tryAcquirePermission();
    }

    /**
     * Records a call that started at {@code startNanos} ({@link System#nanoTime()}) and answers its result.
     * {@code reference} names it in the log (with whatever else identifies it there, such as a STAN).
     */
    public <T> T finish(String operation, String reference, boolean guarded, boolean permitted, long startNanos,
                        ChannelMetrics.Outcome outcome, T result) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        boolean decided = outcome != ChannelMetrics.Outcome.ERROR && outcome != ChannelMetrics.Outcome.UNKNOWN;
        if (guarded && permitted) {
            if (decided) {
                breaker.onSuccess(elapsed.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(elapsed.toNanos(), TimeUnit.NANOSECONDS, new ChannelFailure(String.valueOf(result)));
            }
        }
        metrics.record(operation, outcome, elapsed);
        if (permitted) {
            window.record(decided, elapsed);
        }
        if (!decided) {
            log.warn("{} {} {}: {}", name, operation, reference, result);
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} {}: {} in {} ms", name, operation, reference, result, elapsed.toMillis());
        }
        return result;
    }

    /** What the breaker is told about a call that got no decision; carries no card or account data. */
    private static final class ChannelFailure extends RuntimeException {

        ChannelFailure(String message) {
            super(message, null, false, false);
        }
    }
}
