package io.huitong.channels;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The routing rules in force, one per channel. {@code version} 0 (and no {@code updatedAt}) while none
 * were stored: every configured channel then takes every payment of its methods at no cost.
 */
public record RoutingTable(long version, Instant updatedAt, List<RoutingRule> channels) {

    public RoutingTable {
        channels = List.copyOf(channels);
    }

    public Optional<RoutingRule> rule(String name) {
        return channels.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
