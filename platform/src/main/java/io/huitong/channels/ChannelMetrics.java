package io.huitong.channels;

import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A channel's meters ({@code huitong.channel.*}), tagged with the channel's name and the operation
 * (authorize, capture, open, query, refund, payouts, ...): how many requests, and how they ended.
 * "errors" are answers that the channel did not act (safe to fail over); "pending" are requests the channel
 * took and will settle later; "unknown" are requests whose outcome only an inquiry can tell.
 * Each operation's meters are registered once and kept, so that a payment does not look them up.
 */
public final class ChannelMetrics {

    public enum Outcome { APPROVED, DECLINED, ACTION_REQUIRED, PENDING, ERROR, UNKNOWN }

    private final MeterRegistry registry;
    private final String channel;
    private final Map<String, OperationMeters> byOperation = new ConcurrentHashMap<>();

    public ChannelMetrics(MeterRegistry registry, String channel) {
        this.registry = registry;
        this.channel = channel;
    }

    public void record(String operation, Outcome outcome, Duration latency) {
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
                    case ACTION_REQUIRED -> "huitong.channel.actions_required";
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

    /** How a call that answered a {@link ChannelResult} ended, for the meters. */
    public static Outcome outcome(ChannelResult result) {
        return switch (result) {
            case ChannelResult.Approved a -> Outcome.APPROVED;
            case ChannelResult.Declined d -> Outcome.DECLINED;
            case ChannelResult.ActionRequired a -> Outcome.ACTION_REQUIRED;
            case ChannelResult.Unavailable u -> Outcome.ERROR;
            case ChannelResult.Unknown u -> Outcome.UNKNOWN;
        };
    }

    /** How opening an order ended: an order left open for the payer or the network is pending. */
    public static Outcome outcome(OrderResult result) {
        return switch (result) {
            case OrderResult.Paid p -> Outcome.APPROVED;
            case OrderResult.Opened o -> Outcome.PENDING;
            case OrderResult.Declined d -> Outcome.DECLINED;
            case OrderResult.Unavailable u -> Outcome.ERROR;
            case OrderResult.Unknown u -> Outcome.UNKNOWN;
        };
    }

    /**
     * How opening an order at a wallet or e-CNY operator ended: an order the operator took and left open for the
     * payer to pay is an accepted call (unlike a bank transfer the network has not settled yet, which is pending).
     */
    public static Outcome accepted(OrderResult result) {
        return result instanceof OrderResult.Opened ? Outcome.APPROVED : outcome(result);
    }

    /** How a query ended: the channel told (paid, pending, failed, no such order), or could not be asked. */
    public static Outcome outcome(OrderStatus status) {
        return switch (status) {
            case OrderStatus.Paid p -> Outcome.APPROVED;
            case OrderStatus.Pending p -> Outcome.PENDING;
            case OrderStatus.Failed f -> Outcome.DECLINED;
            case OrderStatus.NotFound n -> Outcome.DECLINED;
            case OrderStatus.Unknown u -> Outcome.ERROR;
        };
    }
}
