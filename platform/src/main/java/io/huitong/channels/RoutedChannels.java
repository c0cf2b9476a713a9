package io.huitong.channels;

import io.huitong.channels.routing.RouteScorer;
import io.huitong.kernel.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kind of channel (card acquirers, order channels) ranked for each payment by the rules in force and the
 * channels' recent calls.
 */
final class RoutedChannels<T> {

    private static final Logger log = LoggerFactory.getLogger(RoutedChannels.class);

    private final List<T> channels;
    private final Function<T, String> name;
    private final Function<T, Connector> connector;
    private final RoutingRules rules;
    private final RouteScorer scorer;
    private final Duration windowAge;

    /** @param connector the channel's status, or null for a channel that reports none (it counts as healthy) */
    RoutedChannels(List<? extends T> channels, Function<T, String> name, Function<T, Connector> connector, RoutingRules rules,
                   RouteScorer scorer, Duration windowAge) {
        this.channels = List.copyOf(channels);
        this.name = name;
        this.connector = connector;
        this.rules = rules;
        this.scorer = scorer;
        this.windowAge = windowAge;
    }

    /** The channels that take a payment of this method and amount, best first; empty when none does. */
    List<T> candidates(String method, Money amount) {
        RoutingTable table = rules.inForce();
        List<RouteScorer.Candidate<T>> candidates = new ArrayList<>(channels.size());
        for (T channel : channels) {
            RoutingRule rule = table.rule(name.apply(channel)).orElse(null);
            if (rule == null || !rule.takes(method, amount)) {
                continue;
            }
            Connector c = connector.apply(channel);
            ChannelStatus status = c == null ? null : c.status();
            candidates.add(new RouteScorer.Candidate<>(channel, rule, status == null ? null : status.breaker(),
                    status == null ? null : status.health(), c == null ? null : c.recent(windowAge)));
        }
        return withTrial(scorer.rank(candidates, method, amount), connector, name);
    }

    /**
     * When the breaker of every channel that takes a payment is open, each would answer "unavailable" without a
     * call and the payment would fail untried: the channel likeliest to be up ({@link ChannelBreaker#LIKELIEST_FIRST})
     * is half-opened for it and put first, so that the payment is that channel's trial call.
     */
    static <T> List<T> withTrial(List<T> ranked, Function<T, Connector> connector, Function<T, String> name) {
        T likeliest = null;
        ChannelBreaker best = null;
        for (T channel : ranked) {
            Connector c = connector.apply(channel);
            ChannelBreaker breaker = c == null ? null : c.breaker();
            if (breaker == null || !breaker.closedToTraffic()) {
                return ranked;
            }
            if (breaker.open() && (best == null || ChannelBreaker.LIKELIEST_FIRST.compare(breaker, best) < 0)) {
                best = breaker;
                likeliest = channel;
            }
        }
        if (best == null) {
            return ranked;
        }
        // another payment may have half-opened it a moment ago: it goes first all the same
        best.admitTrial();
        log.debug("Every channel's breaker is open: {} is tried", name.apply(likeliest));
        List<T> reordered = new ArrayList<>(ranked.size());
        reordered.add(likeliest);
        for (T channel : ranked) {
            if (channel != likeliest) {
                reordered.add(channel);
            }
        }
        return List.copyOf(reordered);
    }

    List<T> all() {
        return channels;
    }
}
