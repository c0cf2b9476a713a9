package io.huitong.channels.routing;

import io.huitong.channels.ChannelWindow;
import io.huitong.channels.RoutingRule;
import io.huitong.kernel.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the channels that take a payment, best first; see the package documentation for the score.
 * Stateless and thread-safe.
 */
public final class RouteScorer {

    /**
     * A channel as routing sees it: its rule (null when it has none, so it takes nothing), its breaker and
     * health as {@link io.huitong.channels.ChannelStatus} shows them, and its recent calls.
     */
    public record Candidate<T>(T channel, RoutingRule rule, String breaker, String health, ChannelWindow.Snapshot recent) {
    }

    /** A channel that takes the payment, with its place in the ranking. */
    public record Scored<T>(T channel, boolean lastResort, double score) {
    }

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private final RoutingWeights weights;

    public RouteScorer(RoutingWeights weights) {
        this.weights = weights;
    }

    /** The channels that take this payment, best first; ties keep the order the candidates came in. */
    public <T> List<T> rank(List<Candidate<T>> candidates, String method, Money amount) {
        return scored(candidates, method, amount).stream().map(Scored::channel).toList();
    }

    /** {@link #rank} with each channel's score, for operators and tests. */
    public <T> List<Scored<T>> scored(List<Candidate<T>> candidates, String method, Money amount) {
        return candidates.stream()
                .filter(c -> c.rule() != null && c.rule().takes(method, amount))
                .map(c -> new Scored<>(c.channel(), lastResort(c), score(c.rule(), c.recent(), amount)))
                .sorted(Comparator.comparing((Scored<T> s) -> s.lastResort()).thenComparingDouble(Scored::score))
                .toList();
    }

    /**
     * An open breaker answers at once without touching the network, and a channel that is down would most
     * likely do the same: such a channel is tried after every other, never dropped, so that a payment still
     * has somewhere to go when every channel looks bad.
     */
    static boolean lastResort(Candidate<?> c) {
        return "open".equals(c.breaker()) || "down".equals(c.health());
    }

    /** The score of a payment at a channel: lower is better. */
    public double score(RoutingRule rule, ChannelWindow.Snapshot recent, Money amount) {
        return costBps(rule, amount) + failurePenalty(recent) + latencyPenalty(recent);
    }

    /** The channel's fee for this payment in basis points of its amount; the fee itself is exact, in minor units. */
    static double costBps(RoutingRule rule, Money amount) {
        long fee = rule.fee(amount);
        if (amount.amount() <= 0) {
            return fee;
        }
        return BigDecimal.valueOf(fee).multiply(BPS).divide(BigDecimal.valueOf(amount.amount()), 6, RoundingMode.HALF_UP).doubleValue();
    }

    double failurePenalty(ChannelWindow.Snapshot recent) {
        if (!enough(recent)) {
            return 0;
        }
        double failedPercent = 100.0 * recent.failed() / recent.calls();
        return weights.failureWeight() * Math.max(0, failedPercent - weights.failureAllowance());
    }

    double latencyPenalty(ChannelWindow.Snapshot recent) {
        if (!enough(recent) || recent.p99() == null) {
            return 0;
        }
        return weights.latencyWeight() * recent.p99().toNanos() / 100_000_000.0;
    }

    private boolean enough(ChannelWindow.Snapshot recent) {
        return recent != null && recent.calls() >= weights.minimumCalls();
    }
}
