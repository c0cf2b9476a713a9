package io.huitong.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a connector does around a call: the breaker, and sending again what the channel certainly did not act on. */
class ChannelCallsTest {

    private static final ChannelResult UNAVAILABLE = new ChannelResult.Unavailable("the acquirer answered 96, not processed");
    private static final ChannelResult UNKNOWN = new ChannelResult.Unknown("no answer within 1000 ms");
    private static final ChannelResult APPROVED = new ChannelResult.Approved("123456");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();

    /** A breaker that never opens by itself in these tests, unless {@code window} is small. */
    private ChannelCalls calls(ChannelBreaker breaker, ChannelRetry retry) {
        return new ChannelCalls("acq_a", breaker, new ChannelMetrics(registry, "acq_a"), new ChannelWindow(50), retry,
                LoggerFactory.getLogger(ChannelCallsTest.class), nanos::get, waits::add);
    }

    private static ChannelBreaker breaker(int window) {
        return ChannelBreaker.of("acq_a", window, window, 50f, Duration.ofMinutes(10), MutableClock.startingNow());
    }

    /** Answers the given results in turn, each attempt taking {@code takes}; counts the attempts that went out. */
    private static final class Script implements ChannelCalls.Attempt<ChannelResult> {

        final Deque<ChannelResult> results;
        final AtomicLong nanos;
        final Duration takes;
        int sent;
        int keptBack;

        Script(AtomicLong nanos, Duration takes, ChannelResult... results) {
            this.results = new ArrayDeque<>(List.of(results));
            this.nanos = nanos;
            this.takes = takes;
        }

        @Override
        public ChannelCalls.Attempted<ChannelResult> run(boolean permitted) {
            if (!permitted) {
                keptBack++;
                return new ChannelCalls.Attempted<>("pay_1", new ChannelResult.Unavailable("circuit breaker open"), ChannelMetrics.Outcome.ERROR);
            }
            sent++;
            nanos.addAndGet(takes.toNanos());
            ChannelResult r = results.size() > 1 ? results.poll() : results.peek();
            return new ChannelCalls.Attempted<>("pay_1", r, ChannelMetrics.outcome(r));
        }
    }

    private ChannelResult authorize(ChannelCalls calls, Script script) {
        return calls.call("authorize", ChannelCalls::unavailable, script);
    }

    private double count(String meter) {
        return registry.counter(meter, "channel", "acq_a", "operation", "authorize").count();
    }

    @Test
    void aCallTheChannelCertainlyDidNotActOnIsSentAgainAfterAShortWait() {
        Script script = new Script(nanos, Duration.ofMillis(5), UNAVAILABLE, UNAVAILABLE, APPROVED);
        assertThat(authorize(calls(breaker(100), ChannelRetry.DEFAULT), script)).isEqualTo(APPROVED);
        assertThat(script.sent).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
        assertThat(count("huitong.channel.requests")).as("every attempt counted").isEqualTo(3);
        assertThat(count("huitong.channel.errors")).isEqualTo(2);
    }

    @Test
    void noMoreAttemptsThanTheRetryAllows() {
        Script script = new Script(nanos, Duration.ofMillis(5), UNAVAILABLE);
        assertThat(authorize(calls(breaker(100), ChannelRetry.DEFAULT), script)).isEqualTo(UNAVAILABLE);
        assertThat(script.sent).isEqualTo(ChannelRetry.DEFAULT.attempts()).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(60));

        Script once = new Script(nanos, Duration.ofMillis(5), UNAVAILABLE);
        assertThat(authorize(calls(breaker(100), ChannelRetry.NONE), once)).isEqualTo(UNAVAILABLE);
        assertThat(once.sent).isEqualTo(1);
    }

    @Test
    void anUnknownOutcomeIsNeverSentAgain() {
        Script script = new Script(nanos, Duration.ofMillis(5), UNKNOWN, APPROVED);
        assertThat(authorize(calls(breaker(100), ChannelRetry.DEFAULT), script)).isEqualTo(UNKNOWN);
        assertThat(script.sent).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aDecisionIsNeverSentAgain() {
        ChannelResult declined = new ChannelResult.Declined("card_declined", "The card was declined.");
        Script script = new Script(nanos, Duration.ofMillis(5), declined, APPROVED);
        assertThat(authorize(calls(breaker(100), ChannelRetry.DEFAULT), script)).isEqualTo(declined);
        assertThat(script.sent).isEqualTo(1);
    }

    @Test
    void noAttemptStartsOnceTheBudgetIsSpent() {
        // each attempt takes 600 ms: the second starts at 620 ms, a third would start after the 1 s budget
        Script script = new Script(nanos, Duration.ofMillis(600), UNAVAILABLE);
        assertThat(authorize(calls(breaker(100), ChannelRetry.DEFAULT), script)).isEqualTo(UNAVAILABLE);
        assertThat(script.sent).isEqualTo(2);
    }

    @Test
    void aBreakerThatOpensEndsTheAttemptsOnThatChannel() {
        ChannelBreaker breaker = breaker(2);
        Script script = new Script(nanos, Duration.ofMillis(5), UNAVAILABLE);
        assertThat(authorize(calls(breaker, ChannelRetry.DEFAULT), script)).isEqualTo(UNAVAILABLE);
        assertThat(script.sent).as("the second failure opened it").isEqualTo(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        Script next = new Script(nanos, Duration.ofMillis(5), APPROVED);
        assertThat(authorize(calls(breaker, ChannelRetry.DEFAULT), next)).isInstanceOf(ChannelResult.Unavailable.class);
        assertThat(next.sent).isZero();
        assertThat(next.keptBack).as("kept back once, not four times").isEqualTo(1);
    }

    @Test
    void aCallKeptBackWhileAnotherIsTheTrialTriesAgainOnceTheTrialClosedTheBreaker() {
        ChannelBreaker breaker = breaker(2);
        breaker.circuitBreaker().transitionToOpenState();
        breaker.admitTrial();
        assertThat(breaker.circuitBreaker().tryAcquirePermission()).as("the trial goes out").isTrue();
        List<Duration> slept = new ArrayList<>();
        ChannelCalls calls = new ChannelCalls("acq_a", breaker, new ChannelMetrics(registry, "acq_a"), new ChannelWindow(50),
                ChannelRetry.DEFAULT, LoggerFactory.getLogger(ChannelCallsTest.class), nanos::get, d -> {
                    slept.add(d);
                    breaker.circuitBreaker().onSuccess(1, java.util.concurrent.TimeUnit.MILLISECONDS); // the trial succeeded meanwhile
                });
        Script script = new Script(nanos, Duration.ofMillis(5), APPROVED);
        assertThat(calls.call("authorize", ChannelCalls::unavailable, script)).isEqualTo(APPROVED);
        assertThat(script.keptBack).isEqualTo(1);
        assertThat(script.sent).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
