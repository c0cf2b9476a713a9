package io.huitong.simulator;

/**
 * A simulated acquirer's behaviour: its {@link Mode}, a delay before every answer, and the share of
 * requests answered "system error" at random.
 */
public record ChannelSettings(Mode mode, long latencyMs, double errorRate) {

    /** Latency above this is refused: a simulated acquirer that sleeps for hours helps nobody. */
    public static final long MAX_LATENCY_MS = 600_000;

    public static final ChannelSettings HEALTHY = new ChannelSettings(Mode.UP, 0, 0.0);

    public ChannelSettings {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("latency_ms must be between 0 and " + MAX_LATENCY_MS);
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("error_rate must be between 0.0 and 1.0");
        }
    }
}
