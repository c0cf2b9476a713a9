package io.huitong.channels;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * A channel's circuit breaker (Resilience4j) and what the platform learns about the channel while it is open:
 * when it opened, and when the channel last answered an echo. The breaker keeps new business away from a
 * failing channel; this class lets it come back sooner than the breaker's wait when there is reason to:
 * <ul>
 *   <li>an echo the channel answered ({@link #echoed}) half-opens it, so that the next payment is the trial;</li>
 *   <li>when every channel that takes a payment is open, the likeliest of them ({@link #LIKELIEST_FIRST}) is
 *       half-opened for that payment ({@link #admitTrial}), rather than failing the payment without a call.</li>
 * </ul>
 * A breaker an operator forced open stays open. Thread-safe.
 */
public final class ChannelBreaker {

    /**
     * Open breakers, the likeliest channel to be up first: the one that answered an echo most recently (its
     * trial may have failed since, but its host answers, while the others did not answer the echoes sent since),
     * then the one whose wait ends soonest (it failed longest ago).
     */
    public static final Comparator<ChannelBreaker> LIKELIEST_FIRST = Comparator
            .comparing(ChannelBreaker::recentEcho, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ChannelBreaker::remainingWait);

    private final CircuitBreaker breaker;
    private final Duration openFor;
    private final Clock clock;
    private volatile Instant openedAt;
    private volatile Instant lastEcho;

    public ChannelBreaker(CircuitBreaker breaker, Duration openFor, Clock clock) {
        this.breaker = breaker;
        this.openFor = openFor;
        this.clock = clock;
        breaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
            }
        });
    }

    /**
     * A connector's breaker: count-based over the last {@code window} calls, judging once {@code minimumCalls}
     * were made, open at {@code failureRate} % of calls without a decision, half-open after {@code openFor} with
     * one trial call.
     */
    public static ChannelBreaker of(String name, int window, int minimumCalls, float failureRate, Duration openFor, Clock clock) {
        return new ChannelBreaker(CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindow(window, minimumCalls, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build()), openFor, clock);
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Open and waiting: a forced-open breaker is an operator's decision and does not count. */
    public boolean open() {
        return state() == CircuitBreaker.State.OPEN;
    }

    /** Open either way: nothing goes out on its own. */
    public boolean closedToTraffic() {
        return state() == CircuitBreaker.State.OPEN || state() == CircuitBreaker.State.FORCED_OPEN;
    }

    /** When the channel last answered an echo; null when it never did. */
    public Instant lastEcho() {
        return lastEcho;
    }

    /** The last echo it answered, if less than the breaker's wait ago; null otherwise (an older one says nothing now). */
    Instant recentEcho() {
        Instant echo = lastEcho;
        return echo == null || !echo.plus(openFor).isAfter(clock.instant()) ? null : echo;
    }

    /** How long the breaker still keeps the channel away by itself; zero unless it is open. */
    public Duration remainingWait() {
        Instant opened = openedAt;
        if (!open() || opened == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), opened.plus(openFor));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * What an echo found: a channel that answered is worth one real call, so an open breaker half-opens (the
     * next guarded call is the trial that closes or reopens it). Answers whether it half-opened.
     */
    public boolean echoed(boolean answered) {
        if (!answered) {
            return false;
        }
        lastEcho = clock.instant();
        return halfOpen();
    }

    /**
     * Lets one call through an open breaker now, for a payment that has no other channel to go to. Answers
     * false when the breaker was not open (or is forced open).
     */
    public boolean admitTrial() {
        return halfOpen();
    }

    // the check and the move under one lock: a second caller must not half-open it again (that would hand
    // out a second trial while the first is out)
    private synchronized boolean halfOpen() {
        if (!open()) {
            return false;
        }
        breaker.transitionToHalfOpenState();
        return true;
    }
}
