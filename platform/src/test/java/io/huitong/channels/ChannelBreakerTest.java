package io.huitong.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A channel's breaker, and what echoes and open breakers everywhere do to it. */
class ChannelBreakerTest {

    private final MutableClock clock = MutableClock.startingNow();

    private ChannelBreaker breaker(String name) {
        return ChannelBreaker.of(name, 4, 4, 50f, Duration.ofMinutes(10), clock);
    }

    private static ChannelBreaker opened(ChannelBreaker breaker) {
        breaker.circuitBreaker().transitionToOpenState();
        return breaker;
    }

    @Test
    void anAnsweredEchoHalfOpensAnOpenBreakerLongBeforeItsWaitEnds() {
        ChannelBreaker b = opened(breaker("acq_a"));
        assertThat(b.echoed(false)).isFalse();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.remainingWait()).isEqualTo(Duration.ofMinutes(10));

        clock.advance(Duration.ofSeconds(1));
        assertThat(b.echoed(true)).isTrue();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.lastEcho()).isEqualTo(clock.instant());
        assertThat(b.circuitBreaker().tryAcquirePermission()).as("one trial").isTrue();
        assertThat(b.circuitBreaker().tryAcquirePermission()).as("only one").isFalse();
    }

    @Test
    void echoesLeaveClosedAndForcedOpenBreakersAlone() {
        ChannelBreaker closed = breaker("acq_a");
        assertThat(closed.echoed(true)).isFalse();
        assertThat(closed.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        ChannelBreaker forced = breaker("acq_b");
        forced.circuitBreaker().transitionToForcedOpenState();
        assertThat(forced.echoed(true)).isFalse();
        assertThat(forced.admitTrial()).isFalse();
        assertThat(forced.state()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
    }

    @Test
    void aSecondTrialIsNotHandedOutWhileTheFirstIsOut() {
        ChannelBreaker b = opened(breaker("acq_a"));
        assertThat(b.admitTrial()).isTrue();
        assertThat(b.circuitBreaker().tryAcquirePermission()).isTrue();
        assertThat(b.admitTrial()).as("already half-open").isFalse();
        assertThat(b.circuitBreaker().tryAcquirePermission()).isFalse();
    }

    @Test
    void theLikeliestToBeUpIsTheOneThatLastAnsweredAnEchoThenTheOneWhoseWaitEndsSoonest() {
        ChannelBreaker early = opened(breaker("early"));
        clock.advance(Duration.ofMinutes(1));
        ChannelBreaker late = opened(breaker("late"));
        assertThat(early.remainingWait()).isEqualTo(Duration.ofMinutes(9));
        assertThat(Stream.of(late, early).sorted(ChannelBreaker.LIKELIEST_FIRST).toList()).containsExactly(early, late);

        // late answered an echo, then failed its trial: its host answers, a better sign than a shorter wait
        late.echoed(true);
        late.circuitBreaker().transitionToOpenState();
        assertThat(Stream.of(early, late).sorted(ChannelBreaker.LIKELIEST_FIRST).toList()).containsExactly(late, early);

        // an echo older than the breaker's wait says nothing about now
        clock.advance(Duration.ofMinutes(10));
        late.circuitBreaker().transitionToClosedState();
        late.circuitBreaker().transitionToOpenState();
        early.circuitBreaker().transitionToClosedState();
        early.circuitBreaker().transitionToOpenState();
        clock.advance(Duration.ofSeconds(1));
        late.circuitBreaker().transitionToClosedState();
        late.circuitBreaker().transitionToOpenState();
        assertThat(late.recentEcho()).isNull();
        assertThat(Stream.of(late, early).sorted(ChannelBreaker.LIKELIEST_FIRST).toList()).containsExactly(early, late);
    }

    @Test
    void whenEveryCandidateIsOpenTheLikeliestIsHalfOpenedAndTriedFirst() {
        Named a = new Named("acq_a", opened(breaker("acq_a")));
        clock.advance(Duration.ofSeconds(5));
        Named b = new Named("acq_b", opened(breaker("acq_b")));
        List<Named> ranked = List.of(b, a);

        List<Named> tried = RoutedChannels.withTrial(ranked, n -> n, Named::name);
        assertThat(tried).containsExactly(a, b);
        assertThat(a.breaker().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void whileOneCandidateTakesCallsNoOpenBreakerIsTouched() {
        Named a = new Named("acq_a", opened(breaker("acq_a")));
        Named b = new Named("acq_b", breaker("acq_b"));
        assertThat(RoutedChannels.withTrial(List.of(b, a), n -> n, Named::name)).containsExactly(b, a);
        assertThat(a.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);

        Named forced = new Named("acq_c", breaker("acq_c"));
        forced.breaker().circuitBreaker().transitionToForcedOpenState();
        assertThat(RoutedChannels.withTrial(List.of(forced), n -> n, Named::name)).as("an operator's decision stands").containsExactly(forced);
        assertThat(forced.breaker().state()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
    }

    /** A channel as routing sees it: a name and a breaker. */
    private record Named(String name, ChannelBreaker breaker) implements Connector {

        @Override
        public ChannelStatus status() {
            return new ChannelStatus(name, "card", "iso8583", "127.0.0.1", 1, breaker.state().name().toLowerCase(java.util.Locale.ROOT), "up", null);
        }
    }
}
