package io.huitong.channels.iso8583;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * A channel's meters, tagged with the channel's name and the operation (authorize, capture, release,
 * refund, inquire, reverse): how many requests, and how they ended. "errors" are answers that the
 * acquirer did not act (safe to fail over); "unknown" are requests whose outcome only an inquiry can tell.
 */
final class ChannelMetrics {

    enum Outcome { APPROVED, DECLINED, ACTION_REQUIRED, ERROR, UNKNOWN }

    private final MeterRegistry registry;
    private final String channel;

    ChannelMetrics(MeterRegistry registry, String channel) {
        this.registry = registry;
        this.channel = channel;
    }

    void record(String operation, Outcome outcome, Duration latency) {
        counter("huitong.channel.requests", operation).increment();
        String name = switch (outcome) {
            case APPROVED -> "huitong.channel.approvals";
            case DECLINED -> "huitong.channel.declines";
            case ACTION_REQUIRED -> "huitong.channel.actions_required";
            case ERROR -> "huitong.channel.errors";
            case UNKNOWN -> "huitong.channel.unknown";
        };
        counter(name, operation).increment();
        Timer.builder("huitong.channel.latency").description("time from request to answer, or to giving up")
                .tag("channel", channel).tag("operation", operation).register(registry).record(latency);
    }

    private Counter counter(String name, String operation) {
        return Counter.builder(name).tag("channel", channel).tag("operation", operation).register(registry);
    }
}
