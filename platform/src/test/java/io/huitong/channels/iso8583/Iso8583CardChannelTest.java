package io.huitong.channels.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.huitong.channels.ChannelRetry;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.Inquiry;
import io.huitong.payments.domain.CardNumber;
import io.huitong.protocols.iso8583.TransactionState;
import io.huitong.simulator.BookEntry;
import io.huitong.simulator.ChannelInfo;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.simulator.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The ISO 8583 card connector against the simulator's acquirers, over real TCP on loopback. */
class Iso8583CardChannelTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofMillis(400);
    private static Simulator sim;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Iso8583CardChannel> opened = new ArrayList<>();

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
        opened.forEach(Iso8583CardChannel::close);
        sim.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        sim.configure(Simulator.ACQ_B, ChannelSettings.HEALTHY);
    }

    private Iso8583CardChannel channel(String name) {
        return channel(name, settings(name));
    }

    private static Iso8583ChannelSettings settings(String name) {
        ChannelInfo info = sim.channel(name);
        return Iso8583ChannelSettings.of(info.host(), info.port(), Duration.ofSeconds(1), REPLY_TIMEOUT);
    }

    private Iso8583CardChannel channel(String name, Iso8583ChannelSettings settings) {
        Iso8583CardChannel channel = new Iso8583CardChannel(name, settings, Clock.systemUTC(), registry);
        opened.add(channel);
        return channel;
    }

    private static String ref(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    private static CardAuthorization card(String reference, String number, long amount, boolean capture, boolean authenticated) {
        return new CardAuthorization(reference, "mer_01JDTESTMERCHANT0000000000", Money.of(amount, "CNY"),
                CardNumber.parse(number).orElseThrow(), 12, 2030, "123", capture, authenticated);
    }

    private static CardAuthorization sale(String reference, String number) {
        return card(reference, number, 1000, true, false);
    }

    private static BookEntry booked(String acquirer, String reference) {
        return sim.transactions(acquirer).stream().filter(e -> e.reference().equals(reference)).findFirst().orElse(null);
    }

    private void mode(String acquirer, Mode mode, long latencyMs) {
        sim.configure(acquirer, new ChannelSettings(mode, latencyMs, 0.0));
    }

    @Test
    void salesOfTheApprovedCardsAreApprovedAndBooked() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        for (String number : List.of("4242424242424242", "5555555555554444", "6200000000000005", "4000000000000010")) {
            String reference = ref("pay");
            assertThat(a.authorize(sale(reference, number))).isInstanceOfSatisfying(ChannelResult.Approved.class,
                    approved -> assertThat(approved.authorizationCode()).hasSize(6));
            assertThat(booked(Simulator.ACQ_A, reference).state()).isEqualTo(TransactionState.CAPTURED);
        }
        assertThat(registry.counter("huitong.channel.approvals", "channel", "acq_a", "operation", "authorize").count()).isEqualTo(4);
        assertThat(registry.timer("huitong.channel.latency", "channel", "acq_a", "operation", "authorize").count()).isEqualTo(4);
    }

    @Test
    void declinesCarryApiDeclineCodes() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        assertThat(a.authorize(sale(ref("pay"), "4000000000000002"))).isEqualTo(
                new ChannelResult.Declined("card_declined", "The card was declined."));
        assertThat(a.authorize(sale(ref("pay"), "4000000000009995"))).isInstanceOfSatisfying(ChannelResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("insufficient_funds"));
        assertThat(registry.counter("huitong.channel.declines", "channel", "acq_a", "operation", "authorize").count()).isEqualTo(2);
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theStepUpCardNeedsAnAuthenticatedPayer() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        String reference = ref("pay");
        assertThat(a.authorize(card(reference, "4000000000003220", 500, true, false))).isInstanceOf(ChannelResult.ActionRequired.class);
        assertThat(a.authorize(card(reference, "4000000000003220", 500, true, true))).isInstanceOf(ChannelResult.Approved.class);
    }

    @Test
    void theChannelErrorCardIsUnavailableOnThePrimaryAndApprovedOnTheOther() {
        String reference = ref("pay");
        assertThat(channel(Simulator.ACQ_A).authorize(sale(reference, "4000000000000119"))).isInstanceOf(ChannelResult.Unavailable.class);
        assertThat(channel(Simulator.ACQ_B).authorize(sale(reference, "4000000000000119"))).isInstanceOf(ChannelResult.Approved.class);
    }

    @Test
    void anAuthorizationIsCapturedInPartRefundedAndTheRefundReversed() {
        Iso8583CardChannel b = channel(Simulator.ACQ_B);
        String payment = ref("pay");
        assertThat(b.authorize(card(payment, "4242424242424242", 1000, false, false))).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_B, payment).state()).isEqualTo(TransactionState.AUTHORIZED);

        assertThat(b.capture(payment, Money.of(2000, "CNY"))).isInstanceOfSatisfying(ChannelResult.Declined.class,
                d -> assertThat(d.code()).isEqualTo("capture_refused"));
        assertThat(b.capture(payment, Money.of(600, "CNY"))).isInstanceOf(ChannelResult.Approved.class);
        assertThat(b.capture(payment, Money.of(600, "CNY"))).as("idempotent").isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_B, payment).captured()).isEqualTo(600);

        String refund = ref("re");
        assertThat(b.refund(refund, payment, Money.of(250, "CNY"))).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_B, refund).originalReference()).isEqualTo(payment);
        assertThat(booked(Simulator.ACQ_B, payment).refunded()).isEqualTo(250);
        assertThat(b.inquire(refund)).isInstanceOf(Inquiry.Approved.class);

        assertThat(b.reverse(refund)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_B, refund).state()).isEqualTo(TransactionState.REVERSED);
        assertThat(b.inquire(refund)).isEqualTo(new Inquiry.Declined("reversed", "The request was reversed."));
    }

    @Test
    void aReleasedAuthorizationIsReversedAtTheAcquirer() {
        Iso8583CardChannel b = channel(Simulator.ACQ_B);
        String payment = ref("pay");
        b.authorize(card(payment, "5555555555554444", 800, false, false));
        assertThat(b.release(payment)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_B, payment).state()).isEqualTo(TransactionState.REVERSED);
        assertThat(b.capture(payment, Money.of(800, "CNY"))).isInstanceOf(ChannelResult.Declined.class);
    }

    @Test
    void theLostAnswerCardIsUnknownThenFoundApprovedAndReversed() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        String reference = ref("pay");
        assertThat(a.authorize(sale(reference, "4000000000000259"))).isInstanceOf(ChannelResult.Unknown.class);
        assertThat(a.inquire(reference)).isInstanceOf(Inquiry.Approved.class);
        assertThat(a.reverse(reference)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_A, reference).state()).isEqualTo(TransactionState.REVERSED);
    }

    @Test
    void theDroppedRequestCardIsUnknownThenNotFoundAndHarmlesslyReversed() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        String reference = ref("pay");
        assertThat(a.authorize(sale(reference, "4000000000000267"))).isInstanceOf(ChannelResult.Unknown.class);
        assertThat(a.inquire(reference)).isInstanceOf(Inquiry.NotFound.class);
        assertThat(a.reverse(reference)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_A, reference)).isNull();
        assertThat(registry.counter("huitong.channel.unknown", "channel", "acq_a", "operation", "authorize").count()).isEqualTo(1);
    }

    @Test
    void anAcquirerThatIsDownIsUnavailable() {
        mode(Simulator.ACQ_A, Mode.DOWN, 0);
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        String reference = ref("pay");
        assertThat(a.authorize(sale(reference, "4242424242424242"))).isInstanceOf(ChannelResult.Unavailable.class);
        assertThat(a.inquire(reference)).isInstanceOf(Inquiry.Unknown.class);
        // a refused connection did nothing: the payment was attempted again, every attempt counted
        assertThat(registry.counter("huitong.channel.errors", "channel", "acq_a", "operation", "authorize").count())
                .isEqualTo(ChannelRetry.DEFAULT.attempts());

        mode(Simulator.ACQ_A, Mode.UP, 0);
        assertThat(a.authorize(sale(ref("pay"), "4242424242424242"))).as("reconnects").isInstanceOf(ChannelResult.Approved.class);
    }

    @Test
    void anAcquirerInErrorIsUnavailable() {
        mode(Simulator.ACQ_A, Mode.ERROR, 0);
        assertThat(channel(Simulator.ACQ_A).authorize(sale(ref("pay"), "4242424242424242"))).isInstanceOf(ChannelResult.Unavailable.class);
    }

    @Test
    void noAnswerIsUnknownWithinTheTimeoutThenInquiredAndReversed() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        a.authorize(sale(ref("pay"), "4242424242424242")); // the connection is up before the acquirer goes quiet
        mode(Simulator.ACQ_A, Mode.TIMEOUT, 0);
        String reference = ref("pay");
        long start = System.nanoTime();
        assertThat(a.authorize(sale(reference, "4242424242424242"))).isInstanceOf(ChannelResult.Unknown.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(REPLY_TIMEOUT, REPLY_TIMEOUT.plusMillis(500));

        mode(Simulator.ACQ_A, Mode.UP, 0);
        assertThat(a.inquire(reference)).isInstanceOf(Inquiry.NotFound.class);
        assertThat(a.reverse(reference)).isInstanceOf(ChannelResult.Approved.class);
    }

    @Test
    void aLateApprovalIsUnknownThenFoundApprovedAndReversed() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        mode(Simulator.ACQ_A, Mode.LATE_APPROVE, 1_200);
        String reference = ref("pay");
        assertThat(a.authorize(sale(reference, "4242424242424242"))).isInstanceOf(ChannelResult.Unknown.class);

        mode(Simulator.ACQ_A, Mode.UP, 0);
        assertThat(a.inquire(reference)).isInstanceOf(Inquiry.Approved.class);
        assertThat(a.reverse(reference)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(booked(Simulator.ACQ_A, reference).state()).isEqualTo(TransactionState.REVERSED);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndThenAnswersWithoutCalling() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A, settings(Simulator.ACQ_A).withBreaker(4, 4, 50f, Duration.ofMinutes(5)));
        mode(Simulator.ACQ_A, Mode.ERROR, 0);
        for (int i = 0; i < 4; i++) {
            assertThat(a.authorize(sale(ref("pay"), "4242424242424242"))).isInstanceOf(ChannelResult.Unavailable.class);
        }
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        mode(Simulator.ACQ_A, Mode.UP, 0);
        String reference = ref("pay");
        assertThat(a.authorize(sale(reference, "4242424242424242"))).isInstanceOfSatisfying(ChannelResult.Unavailable.class,
                u -> assertThat(u.reason()).contains("circuit breaker open"));
        assertThat(booked(Simulator.ACQ_A, reference)).as("never reached the acquirer").isNull();
        // settling what may already have happened is not new business: inquiries and reversals still go out
        assertThat(a.inquire(reference)).isInstanceOf(Inquiry.NotFound.class);
        assertThat(a.reverse(reference)).isInstanceOf(ChannelResult.Approved.class);
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void declinesDoNotOpenTheBreaker() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A, settings(Simulator.ACQ_A).withBreaker(4, 4, 50f, Duration.ofMinutes(5)));
        for (int i = 0; i < 6; i++) {
            a.authorize(sale(ref("pay"), "4000000000000002"));
        }
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theCardNumberAndCvcNeverReachALogLineOrAMessage() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<Object> results = new ArrayList<>();
        try {
            Iso8583CardChannel a = channel(Simulator.ACQ_A);
            results.add(a.authorize(card(ref("pay"), "4000000000000259", 1000, true, false)));
            results.add(a.authorize(card(ref("pay"), "4000000000000119", 1000, true, false)));
            results.add(a.authorize(card(ref("pay"), "4000000000000002", 1000, true, false)));
            mode(Simulator.ACQ_A, Mode.DOWN, 0);
            results.add(channel(Simulator.ACQ_A).authorize(card(ref("pay"), "4242424242424242", 1000, true, false)));
            results.add(a);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain("4000000000000259", "4000000000000119", "4000000000000002", "4242424242424242");
        }
        assertThat(results.toString()).doesNotContain("4000000000000259", "4242424242424242", "=123");
        assertThat(sim.transactions(Simulator.ACQ_A).toString()).doesNotContain("4000000000000259", "4000000000000002");
    }

    @Test
    void aSystemErrorIsSentAgainAsANewRequestThenLeftToTheNextChannel() {
        // the channel-error card: acq_a answers 96 every time
        String reference = ref("pay");
        assertThat(channel(Simulator.ACQ_A).authorize(sale(reference, "4000000000000119"))).isInstanceOf(ChannelResult.Unavailable.class);
        assertThat(registry.counter("huitong.channel.requests", "channel", "acq_a", "operation", "authorize").count())
                .isEqualTo(ChannelRetry.DEFAULT.attempts());
        assertThat(booked(Simulator.ACQ_A, reference)).as("nothing done").isNull();
        assertThat(channel(Simulator.ACQ_B).authorize(sale(reference, "4000000000000119"))).isInstanceOf(ChannelResult.Approved.class);
        assertThat(registry.counter("huitong.channel.requests", "channel", "acq_b", "operation", "authorize").count()).isEqualTo(1);
    }

    @Test
    void anUnansweredOrLateRequestIsNeverSentAgain() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A);
        a.authorize(sale(ref("pay"), "4242424242424242")); // the connection is up before the acquirer goes quiet
        mode(Simulator.ACQ_A, Mode.TIMEOUT, 0);
        long start = System.nanoTime();
        assertThat(a.authorize(sale(ref("pay"), "4242424242424242"))).isInstanceOf(ChannelResult.Unknown.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one reply timeout, not four").isLessThan(REPLY_TIMEOUT.multipliedBy(3));

        mode(Simulator.ACQ_A, Mode.LATE_APPROVE, 800);
        String late = ref("pay");
        assertThat(a.authorize(sale(late, "4242424242424242"))).isInstanceOf(ChannelResult.Unknown.class);
        // the card that is approved but never answered: the acquirer acted, and is not asked twice
        mode(Simulator.ACQ_A, Mode.UP, 0);
        assertThat(a.authorize(sale(ref("pay"), "4000000000000259"))).isInstanceOf(ChannelResult.Unknown.class);

        assertThat(registry.counter("huitong.channel.requests", "channel", "acq_a", "operation", "authorize").count()).isEqualTo(4);
        assertThat(registry.counter("huitong.channel.unknown", "channel", "acq_a", "operation", "authorize").count()).isEqualTo(3);
        assertThat(sim.transactions(Simulator.ACQ_A).stream().filter(e -> e.reference().equals(late))).hasSize(1);
    }

    @Test
    void theEchoWaitsNoLongerThanItIsToldAndMovesNoBreaker() {
        Iso8583CardChannel a = channel(Simulator.ACQ_A, settings(Simulator.ACQ_A).withBreaker(4, 4, 50f, Duration.ofMinutes(5)));
        a.echo(); // connected
        mode(Simulator.ACQ_A, Mode.TIMEOUT, 0);
        long start = System.nanoTime();
        assertThat(a.echo(Duration.ofMillis(100))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REPLY_TIMEOUT);
        mode(Simulator.ACQ_A, Mode.ERROR, 0);
        assertThat(a.echo(Duration.ofMillis(300))).as("96 to an echo").isFalse();
        assertThat(a.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(a.status().recent().calls()).as("not a payment").isZero();
    }

    @Test
    void theEchoTestSaysWhetherTheAcquirerAnswers() {
        Iso8583CardChannel b = channel(Simulator.ACQ_B);
        assertThat(b.echo()).isTrue();
        mode(Simulator.ACQ_B, Mode.DOWN, 0);
        assertThat(channel(Simulator.ACQ_B).echo()).isFalse();
    }
}
