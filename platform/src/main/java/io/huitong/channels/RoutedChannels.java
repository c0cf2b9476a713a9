package io.huitong.channels;

import io.huitong.channels.routing.RouteScorer;
import io.huitong.kernel.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A kind of channel (card acquirers, order channels) ranked for each payment by the rules in force and the
 * channels' recent calls.
 */
final class RoutedChannels<T> {

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
        return scorer.rank(candidates, method, amount);
    }

    List<T> all() {
        return channels;
    }
}
