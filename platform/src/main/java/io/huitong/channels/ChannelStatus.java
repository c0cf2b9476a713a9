package io.huitong.channels;

/**
 * How a channel is doing, as operators see it.
 *
 * @param breaker the circuit breaker's state: {@code closed} (calls go through), {@code open} (new
 *                payments are kept away), {@code half_open} (one call is trying it again)
 * @param health  {@code up} while the breaker lets calls through and the recent calls mostly got a
 *                decision, {@code degraded} when a quarter or more of them did not, {@code down} while the
 *                breaker is open
 */
public record ChannelStatus(String name, String kind, String protocol, String host, int port, String breaker, String health,
                            ChannelWindow.Snapshot recent) {
}
