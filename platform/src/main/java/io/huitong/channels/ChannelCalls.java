package io.huitong.channels;

import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * What every connector does around a call to its channel: asks the circuit breaker whether new business
 * may go out ({@link #permit}), and once the call is over ({@link #finish}) tells the breaker how it went,
 * counts it in the metrics and in the window routing and operators read, and logs a call that got no
 * decision. A call that was decided (approved, declined, pending) counts as a success for the breaker; an
 * error or an unknown outcome as a failure. Calls the breaker does not guard (inquiries, reversals) never
 * touch it.
 *
 * <p>{@link #call} also sends new business again, as {@link ChannelRetry} says, when an attempt certainly did
 * not act; each attempt is counted on its own.
 */
public final class ChannelCalls {

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt of a call, given whether the breaker let it out. */
    @FunctionalInterface
    public interface Attempt<T> {
        Attempted<T> run(boolean permitted);
    }

    /**
     * What an attempt came to: its result, how the meters and the breaker count it, and how the log names it
     * (the reference with whatever else identifies this attempt, such as a STAN).
     */
    public record Attempted<T>(String reference, T result, ChannelMetrics.Outcome outcome) {
    }

    private final String name;
    private final ChannelBreaker breaker;
    private final ChannelMetrics metrics;
    private final ChannelWindow window;
    private final ChannelRetry retry;
    private final Logger log;
    private final LongSupplier ticker;
    private final Sleeper sleeper;

    public ChannelCalls(String name, ChannelBreaker breaker, ChannelMetrics metrics, ChannelWindow window, ChannelRetry retry, Logger log) {
        this(name, breaker, metrics, window, retry, log, System::nanoTime, d -> Thread.sleep(d));
    }

    /** With a monotonic nanosecond {@code ticker} (the retry budget) and the {@code sleeper} that backs off. */
    public ChannelCalls(String name, ChannelBreaker breaker, ChannelMetrics metrics, ChannelWindow window, ChannelRetry retry, Logger log,
                        LongSupplier ticker, Sleeper sleeper) {
        this.name = name;
        this.breaker = breaker;
        this.metrics = metrics;
        this.window = window;
        this.retry = retry;
        this.log = log;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    public ChannelBreaker breaker() {
        return breaker;
    }

    /**
     * A call of new business (guarded by the breaker), attempted again after an attempt whose result
     * {@code notActed} says the channel certainly did not act on: while attempts and the budget last and the
     * breaker is not open. {@code notActed} must hold only for such results (an "unavailable"), never for an
     * unknown outcome: sending again what the channel may have carried out could move the money twice.
     */
    public <T> T call(String operation, Predicate<T> notActed, Attempt<T> attempt) {
        long first = ticker.getAsLong();
        for (int n = 1; ; n++) {
            long start = System.nanoTime();
            boolean permitted = permit(true);
            Attempted<T> done = attempt.run(permitted);
            T result = finish(operation, done.reference(), true, permitted, start, done.outcome(), done.result());
            if (!notActed.test(result) || n >= retry.attempts()) {
                return result;
            }
            Duration wait = retry.backoff(n);
            // an open breaker would answer at once without calling: the next channel is the better bet
            if (breaker.closedToTraffic() || Duration.ofNanos(ticker.getAsLong() - first).plus(wait).compareTo(retry.budget()) >= 0) {
                return result;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            if (log.isDebugEnabled()) {
                log.debug("{} {} {}: attempt {} of {}", name, operation, done.reference(), n + 1, retry.attempts());
            }
        }
    }

    /** Payments' two answers that say the channel certainly did not act: what {@link #call} may attempt again. */
    public static boolean unavailable(Object result) {
        return result instanceof ChannelResult.Unavailable || result instanceof OrderResult.Unavailable;
    }

    /** Whether the call may go out: always for unguarded calls, for guarded ones while the breaker lets them. */
    public boolean permit(boolean guarded) {
        return !guarded || breaker.circuitBreaker().tryAcquirePermission();
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
                breaker.circuitBreaker().onSuccess(elapsed.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                breaker.circuitBreaker().onError(elapsed.toNanos(), TimeUnit.NANOSECONDS, new ChannelFailure(String.valueOf(result)));
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
