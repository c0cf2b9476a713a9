package io.huitong.channels.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.ChannelWindow;
import io.huitong.channels.RoutingRule;
import io.huitong.kernel.Money;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingScorerTest {

    private static final Money CNY_100 = Money.of(10_000, "CNY");
    private static final ChannelWindow.Snapshot QUIET = new ChannelWindow.Snapshot(0, 0, 0, null, null, null);

    private final RouteScorer scorer = new RouteScorer(RoutingWeights.DEFAULTS);

    @Test
    void theCheaperOfTwoHealthyChannelsComesFirst() {
        List<RouteScorer.Candidate<String>> candidates = List.of(
                healthy("dear", rule("dear", 60, 0)),
                healthy("cheap", rule("cheap", 30, 0)));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("cheap", "dear");

        // the fixed fee counts too: 0.3 % + 1.00 costs more than 0.6 % on 100.00
        candidates = List.of(healthy("dear", rule("dear", 60, 0)), healthy("cheap", rule("cheap", 30, 100)));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("dear", "cheap");
    }

    @Test
    void equalScoresKeepTheConfiguredOrder() {
        List<RouteScorer.Candidate<String>> candidates = List.of(healthy("acq_a", rule("acq_a", 0, 0)), healthy("acq_b", rule("acq_b", 0, 0)));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("acq_a", "acq_b");
        assertThat(scorer.rank(candidates.reversed(), "card", CNY_100)).containsExactly("acq_b", "acq_a");
    }

    @Test
    void aChannelFailingManyCallsFallsBehindADearerHealthyOne() {
        ChannelWindow.Snapshot failing = window(40, 12, Duration.ofMillis(50));
        ChannelWindow.Snapshot fine = window(40, 0, Duration.ofMillis(50));
        List<RouteScorer.Candidate<String>> candidates = List.of(
                new RouteScorer.Candidate<>("cheap", rule("cheap", 30, 0), "closed", "degraded", failing),
                new RouteScorer.Candidate<>("dear", rule("dear", 60, 0), "closed", "up", fine));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("dear", "cheap");

        // one failure in forty is within the allowance: cost decides
        candidates = List.of(
                new RouteScorer.Candidate<>("cheap", rule("cheap", 30, 0), "closed", "up", window(40, 1, Duration.ofMillis(50))),
                new RouteScorer.Candidate<>("dear", rule("dear", 60, 0), "closed", "up", fine));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("cheap", "dear");
    }

    @Test
    void aSlowChannelFallsBehindAFastOneOfTheSameCost() {
        List<RouteScorer.Candidate<String>> candidates = List.of(
                new RouteScorer.Candidate<>("slow", rule("slow", 30, 0), "closed", "up", window(40, 0, Duration.ofSeconds(3))),
                new RouteScorer.Candidate<>("fast", rule("fast", 30, 0), "closed", "up", window(40, 0, Duration.ofMillis(80))));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("fast", "slow");
        assertThat(scorer.score(rule("slow", 30, 0), window(40, 0, Duration.ofSeconds(3)), CNY_100)).isEqualTo(30 + 30.0);
    }

    @Test
    void aChannelWithTooFewRecentCallsCountsAsHealthy() {
        ChannelWindow.Snapshot fewFailures = window(RoutingWeights.DEFAULTS.minimumCalls() - 1, 10, Duration.ofSeconds(5));
        List<RouteScorer.Candidate<String>> candidates = List.of(
                new RouteScorer.Candidate<>("dear", rule("dear", 60, 0), "closed", "up", window(40, 0, Duration.ofMillis(50))),
                new RouteScorer.Candidate<>("new", rule("new", 30, 0), "closed", "up", fewFailures));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("new", "dear");
        assertThat(scorer.score(rule("new", 30, 0), fewFailures, CNY_100)).isEqualTo(30.0);
    }

    @Test
    void aChannelWithAnOpenBreakerOrDownComesLastButStays() {
        List<RouteScorer.Candidate<String>> candidates = List.of(
                new RouteScorer.Candidate<>("open", rule("open", 0, 0), "open", "down", QUIET),
                new RouteScorer.Candidate<>("down", rule("down", 0, 0), "closed", "down", QUIET),
                new RouteScorer.Candidate<>("degraded", rule("degraded", 90, 0), "closed", "degraded", window(40, 20, Duration.ofSeconds(1))),
                healthy("dear", rule("dear", 500, 0)));
        assertThat(scorer.rank(candidates, "card", CNY_100)).containsExactly("dear", "degraded", "open", "down");
    }

    @Test
    void channelsThatDoNotTakeThePaymentAreLeftOut() {
        RoutingRule cnyOnly = new RoutingRule("cny_only", true, List.of("card"), List.of("CNY"), null, null, 0, 0);
        RoutingRule band = new RoutingRule("band", true, List.of("card"), List.of(), 1_000L, 50_000L, 0, 0);
        RoutingRule qr = new RoutingRule("qr", true, List.of("qr"), List.of(), null, null, 0, 0);
        RoutingRule off = new RoutingRule("off", false, List.of("card"), List.of(), null, null, 0, 0);
        List<RouteScorer.Candidate<String>> candidates = List.of(healthy("cny_only", cnyOnly), healthy("band", band), healthy("qr", qr),
                healthy("off", off), healthy("no_rule", null));

        assertThat(scorer.rank(candidates, "card", Money.of(10_000, "CNY"))).containsExactly("cny_only", "band");
        assertThat(scorer.rank(candidates, "card", Money.of(10_000, "USD"))).containsExactly("band");
        assertThat(scorer.rank(candidates, "card", Money.of(999, "CNY"))).containsExactly("cny_only");
        assertThat(scorer.rank(candidates, "card", Money.of(1_000, "USD"))).containsExactly("band");
        assertThat(scorer.rank(candidates, "card", Money.of(50_000, "USD"))).containsExactly("band");
        assertThat(scorer.rank(candidates, "card", Money.of(50_001, "USD"))).isEmpty();
        assertThat(scorer.rank(candidates, "qr", Money.of(10_000, "CNY"))).containsExactly("qr");
        assertThat(scorer.rank(candidates, "ecny", Money.of(10_000, "CNY"))).isEmpty();
    }

    @Test
    void theFeeIsExactInMinorUnits() {
        assertThat(rule("r", 250, 10).fee(Money.of(1_001, "CNY"))).isEqualTo(25 + 10);
        assertThat(rule("r", 250, 10).fee(Money.of(1_020, "CNY"))).as("25.5 rounds half up").isEqualTo(26 + 10);
        assertThat(rule("r", 1, 0).fee(Money.of(Long.MAX_VALUE / 2, "CNY"))).isEqualTo(461_168_601_842_739L);
        assertThat(RouteScorer.costBps(rule("r", 250, 10), Money.of(1_000, "CNY"))).isEqualTo(350.0);
    }

    private static RoutingRule rule(String name, int feeBps, long feeFixed) {
        return new RoutingRule(name, true, List.of("card"), List.of(), null, null, feeBps, feeFixed);
    }

    private static RouteScorer.Candidate<String> healthy(String name, RoutingRule rule) {
        return new RouteScorer.Candidate<>(name, rule, "closed", "up", QUIET);
    }

    private static ChannelWindow.Snapshot window(int calls, int failed, Duration p99) {
        return new ChannelWindow.Snapshot(calls, calls - failed, failed, (double) (calls - failed) / calls, p99, p99);
    }
}
