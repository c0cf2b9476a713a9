package io.huitong.channels;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Each channel's breaker as a gauge, {@code huitong.channel.breaker.open} tagged with the channel's name: 1 while
 * its breaker is open or forced open (new business kept away, health {@code down}), 0 while calls go through
 * (closed or half-open).
 * A channel without a breaker reads 0. Read from the connector at each scrape, so the gauge is never stale.
 */
public final class ChannelHealthMeters {

    public static final String BREAKER_OPEN = "huitong.channel.breaker.open";

    private ChannelHealthMeters() {
    }

    public static void register(MeterRegistry registry, List<? extends Connector> connectors) {
        for (Connector connector : connectors) {
            Gauge.builder(BREAKER_OPEN, connector, ChannelHealthMeters::open)
                    .description("1 while the channel's circuit breaker is open (new business kept away), else 0")
                    .tag("channel", connector.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    static double open(Connector connector) {
        return "down".equals(connector.status().health()) ? 1 : 0;
    }
}
