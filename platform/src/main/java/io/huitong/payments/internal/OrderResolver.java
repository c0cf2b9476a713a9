package io.huitong.payments.internal;

import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.Resolution;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the channel about an order payment due for a look, and decides what its answer means: paid, failed, never
 * received, still open (closed at its expiry), or no answer (ask again later). Runs in the resolver's transaction,
 * holding the payment's lock.
 */
class OrderResolver {

    private static final Logger log = LoggerFactory.getLogger(OrderResolver.class);

    private final OrderChannelBook channels;
    private final OrderSettlement settlement;
    private final Outcomes outcomes;
    private final PaymentsProperties properties;

    OrderResolver(OrderChannelBook channels, OrderSettlement settlement, Outcomes outcomes, PaymentsProperties properties) {
        this.channels = channels;
        this.settlement = settlement;
        this.outcomes = outcomes;
        this.properties = properties;
    }

    Transitions.Move resolve(PaymentRecord current, Instant now) {
        Optional<OrderChannel> channel = channels.find(current.channel().name());
        OrderStatus status;
        if (channel.isPresent()) {
            status = channel.get().query(current.id());
        } else {
            // no channel recorded: a crash between a channel's answer and its recording leaves an order opened, or even
            // paid (a wallet debited), that only the channels of the method know of; the first that does not answer
            // "no such order" holds it
            status = new OrderStatus.NotFound();
            for (OrderChannel c : channels.ofMethod(current.method())) {
                OrderStatus told = c.query(current.id());
                if (!(told instanceof OrderStatus.NotFound)) {
                    channel = Optional.of(c);
                    status = told;
                    break;
                }
            }
            if (channel.isEmpty()) {
                return outcomes.failed(current, "processing_error", "No channel holds the payment's order.", now);
            }
        }
        OrderChannel holder = channel.get();
        Instant expiresAt = current.order().expiresAt() != null ? current.order().expiresAt()
                : current.createdAt().plus(properties.orderExpiry());
        return switch (status) {
            case OrderStatus.Paid paid -> {
                if (!paid.amount().equals(current.money())) {
                    log.error("Channel {} says payment {} was paid {}, not {}; left for an operator", holder.name(), current.id(),
                            paid.amount(), current.money());
                    yield later(current, now, null);
                }
                yield settlement.paid(current, holder.name(), paid, now);
            }
            case OrderStatus.Failed failed -> outcomes.failed(current, failed.code(), failed.message(), now);
            case OrderStatus.NotFound n -> outcomes.failed(current, "processing_error", "The channel never received the payment; try again.", now);
            case OrderStatus.Pending p -> now.isBefore(expiresAt) ? later(current, now, expiresAt) : expire(current, holder, now);
            case OrderStatus.Unknown u -> later(current, now, null);
        };
    }

    /** Closes an order the payer did not pay in time, and fails its payment; one paid meanwhile succeeds instead. */
    private Transitions.Move expire(PaymentRecord current, OrderChannel channel, Instant now) {
        ChannelResult closed = channel.close(current.id());
        return switch (closed) {
            case ChannelResult.Approved a -> outcomes.failed(current, "order_expired", "The payer did not pay before the order expired.", now);
            case ChannelResult.Declined d -> channel.query(current.id()) instanceof OrderStatus.Paid paid && paid.amount().equals(current.money())
                    ? settlement.paid(current, channel.name(), paid, now) : later(current, now, null);
            default -> later(current, now, null);
        };
    }

    /** Looks again after the next backoff step, or at {@code notAfter} if that is sooner. */
    private static Transitions.Move later(PaymentRecord current, Instant now, Instant notAfter) {
        Resolution next = current.resolution().backedOff(now, notAfter);
        return new Transitions.Move.To(current.with(next));
    }
}
