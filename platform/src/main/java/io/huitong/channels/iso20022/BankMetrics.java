package io.huitong.channels.iso20022;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bank's meters, named as every channel's ({@code huitong.channel.*}) and tagged with the channel and the
 * operation (open, query, close, refund, payouts, statement): requests, approvals (settled), declines
 * (rejected), pending (accepted, settlement to follow), errors (the bank certainly did nothing) and unknown
 * outcomes, and the latency.
 */
final class BankMetrics {

    enum Outcome { APPROVED, DECLINED, PENDING, ERROR, UNKNOWN }

    private final MeterRegistry registry;
    private final String channel;
    private final Map<String, OperationMeters> byOperation = new ConcurrentHashMap<>();

    BankMetrics(MeterRegistry registry, String channel) {
        this.registry = registry;
        this.channel = channel;
    }

    void record(String operation, Outcome outcome, Duration latency) {
        OperationMeters meters = byOperation.computeIfAbsent(operation, OperationMeters::new);
        meters.requests.increment();
        meters.outcomes.get(outcome).increment();
        meters.latency.record(latency);
    }

    private final class OperationMeters {

        final Counter requests;
        final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
        final Timer latency;

        OperationMeters(String operation) {
            requests = counter("huitong.channel.requests", operation);
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, counter(switch (outcome) {
                    case APPROVED -> "huitong.channel.approvals";
                    case DECLINED -> "huitong.channel.declines";
                    case PENDING -> "huitong.channel.pending";
                    case ERROR -> "huitong.channel.errors";
                    case UNKNOWN -> "huitong.channel.unknown";
                }, operation));
            }
            latency = Timer.builder("huitong.channel.latency").description("time from request to answer, or to giving up")
                    .tag("channel", channel).tag("operation", operation).register(registry);
        }

        private Counter counter(String name, String operation) {
            return Counter.builder(name).tag("channel", channel).tag("operation", operation).register(registry);
        }
    }
}
