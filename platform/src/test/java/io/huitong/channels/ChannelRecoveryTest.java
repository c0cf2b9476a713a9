package io.huitong.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.channels.iso8583.Iso8583CardChannel;
import io.huitong.channels.iso8583.Iso8583ChannelSettings;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.CardNumber;
import io.huitong.simulator.ChannelInfo;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.simulator.SimulatorOptions;
import io.huitong.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Card acquirers whose breakers opened, coming back: found by their echo, or tried as the last hope when
 * every breaker is open. Over ISO 8583 to the simulator's acquirers on loopback; breakers that would wait ten
 * minutes, on a clock that does not move unless told.
 */
class ChannelRecoveryTest {

    private static Simulator sim;
    private final MutableClock clock = MutableClock.startingNow();
    private final List<Iso8583CardChannel> opened = new ArrayList<>();
    private ChannelProber prober;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.loopback());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        if (prober != null) {
            prober.close();
        }
        opened.forEach(Iso8583CardChannel::close);
        sim.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        sim.configure(Simulator.ACQ_B, ChannelSettings.HEALTHY);
    }

    private Iso8583CardChannel channel(String name) {
        ChannelInfo info = sim.channel(name);
        Iso8583CardChannel channel = new Iso8583CardChannel(name, Iso8583ChannelSettings.of(info.host(), info.port(), Duration.ofSeconds(1),
                Duration.ofMillis(400)).withBreaker(4, 4, 50f, Duration.ofMinutes(10)), clock, new SimpleMeterRegistry());
        opened.add(channel);
        return channel;
    }

    private static CardAuthorization sale() {
        String reference = "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
        return new CardAuthorization(reference, "mer_01JDTESTMERCHANT0000000000", Money.of(1000, "CNY"),
                CardNumber.parse("4242424242424242").orElseThrow(), 12, 2030, "123", true, false);
    }

    /** Down until its breaker opens (four refused attempts: one payment), then left as {@code after}. */
    private void openBreaker(Iso8583CardChannel channel, Mode after) {
        sim.configure(channel.name(), new ChannelSettings(Mode.DOWN, 0, 0.0));
        assertThat(channel.authorize(sale())).isInstanceOf(ChannelResult.Unavailable.class);
        assertThat(channel.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        sim.configure(channel.name(), new ChannelSettings(after, 0, 0.0));
    }

    private static void awaitAll(List<Future<?>> echoes) throws Exception {
        for (Future<?> f : echoes) {
            f.get();
        }
    }

    @Test
    void anAcquirerBackUpIsHalfOpenedByItsEchoAndTheNextPaymentClosesIt() throws Exception {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        Iso8583CardChannel b = channel(Simulator.ACQ_B);
        prober = new ChannelProber(List.of(a, b), Duration.ofHours(1), Duration.ofMillis(300));
        openBreaker(a, Mode.DOWN);

        List<Future<?>> asked = prober.probe();
        assertThat(asked).as("only the open breaker is asked").hasSize(1);
        awaitAll(asked);
        assertThat(a.breakerState()).as("still down").isEqualTo(CircuitBreaker.State.OPEN);

        sim.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        awaitAll(prober.probe());
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(a.breaker().lastEcho()).isEqualTo(clock.instant());
        assertThat(a.authorize(sale())).isInstanceOf(ChannelResult.Approved.class);
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anAcquirerThatAnswersSystemErrorsOrNothingStaysOpen() throws Exception {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        prober = new ChannelProber(List.of(a), Duration.ofHours(1), Duration.ofMillis(800));
        openBreaker(a, Mode.ERROR);
        awaitAll(prober.probe());
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        sim.configure(Simulator.ACQ_A, new ChannelSettings(Mode.TIMEOUT, 0, 0.0));
        long start = System.nanoTime();
        List<Future<?>> asked = prober.probe();
        assertThat(prober.probe()).as("not asked again while its echo is out").isEmpty();
        awaitAll(asked);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the echo's own timeout").isBetween(Duration.ofMillis(800),
                Duration.ofSeconds(3));
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void theProberAsksByItselfAndNoMoreOnceClosed() throws Exception {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        openBreaker(a, Mode.UP);
        prober = new ChannelProber(List.of(a), Duration.ofMillis(50), Duration.ofMillis(300)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (a.breakerState() == CircuitBreaker.State.OPEN && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

        prober.close();
        a.breaker().circuitBreaker().transitionToOpenState();
        Thread.sleep(300);
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void withEveryBreakerOpenAPaymentStillTriesTheAcquirerLikeliestToBeUp() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        Iso8583CardChannel b = channel(Simulator.ACQ_B);
        openBreaker(a, Mode.UP);
        clock.advance(Duration.ofSeconds(30));
        openBreaker(b, Mode.DOWN);
        // ranked as routing would: both are last resorts, in their configured order
        List<Iso8583CardChannel> ranked = List.of(b, a);

        List<Iso8583CardChannel> tried = RoutedChannels.withTrial(ranked, c -> c, Iso8583CardChannel::name);
        assertThat(tried).as("acq_a's wait ends first").containsExactly(a, b);
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(tried.getFirst().authorize(sale())).isInstanceOf(ChannelResult.Approved.class);
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.breakerState()).as("untouched").isEqualTo(CircuitBreaker.State.OPEN);
    }
}
