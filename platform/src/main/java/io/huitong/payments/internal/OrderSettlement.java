package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a channel says about an order after it was opened: its signed notification, or the answer to closing it. A
 * paid order settles its payment (with the sale's postings), a failed one fails it, each once, under the payment's
 * lock; money paid for a payment that had already failed or been canceled is given back.
 */
class OrderSettlement implements OrderNotifications {

    private static final Logger log = LoggerFactory.getLogger(OrderSettlement.class);

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final OrderChannelBook channels;
    private final GiveBacks giveBacks;
    private final RefundOutcomes refunds;
    private final PaymentStore payments;
    private final RefundStore refundRows;
    private final MerchantLookup merchants;
    private final Clock clock;

    OrderSettlement(Transitions transitions, Outcomes outcomes, OrderChannelBook channels, GiveBacks giveBacks, RefundOutcomes refunds,
                    PaymentStore payments, RefundStore refundRows, MerchantLookup merchants, Clock clock) {
        this.transitions = transitions;
        this.outcomes = outcomes;
        this.channels = channels;
        this.giveBacks = giveBacks;
        this.refunds = refunds;
        this.payments = payments;
        this.refundRows = refundRows;
        this.merchants = merchants;
        this.clock = clock;
    }

    @Override
    public Outcome notify(String channel, String reference, OrderStatus status) {
        if (reference == null) {
            return Outcome.REJECTED;
        }
        if (reference.startsWith("re_")) {
            return notifyRefund(channel, reference, status);
        }
        Optional<PaymentRecord> found = payments.find(reference).filter(p -> !p.isCard() && channel.equals(p.channel().name()));
        if (found.isEmpty()) {
            log.warn("Notification from {} about {}, which is no order payment of that channel; refused", channel, reference);
            return Outcome.REJECTED;
        }
        PaymentRecord payment = found.get();
        return switch (status) {
            case OrderStatus.Paid paid -> {
                if (!paid.amount().equals(payment.money())) {
                    log.warn("Notification from {}: {} paid {}, not the {} asked; refused", channel, reference, paid.amount(), payment.money());
                    yield Outcome.REJECTED;
                }
                settle(payment.id(), channel, status);
                yield Outcome.ACCEPTED;
            }
            case OrderStatus.Failed failed -> {
                settle(payment.id(), channel, status);
                yield Outcome.ACCEPTED;
            }
            case OrderStatus.Pending pending -> Outcome.ACCEPTED;
            case OrderStatus.NotFound n -> Outcome.REJECTED;
            case OrderStatus.Unknown u -> Outcome.REJECTED;
        };
    }

    /** Applies a paid or failed order to its payment if the payment still waits for it; money paid too late goes back. */
    PaymentRecord settle(String paymentId, String channel, OrderStatus status) {
        return transitions.inTx(() -> {
            PaymentRecord current = transitions.lock(paymentId);
            Instant now = DbTimes.now(clock);
            return switch (status) {
                case OrderStatus.Paid paid -> {
                    if (current.awaitingOutcome()) {
                        yield transitions.apply(current, paid(current, channel, paid, now));
                    }
                    if (current.status() != PaymentStatus.SUCCEEDED) {
                        giveBacks.record(current, channel, paid.amount(), paid.channelReference());
                    }
                    yield current;
                }
                case OrderStatus.Failed failed -> current.awaitingOutcome()
                        ? transitions.apply(current, outcomes.failed(current, failed.code(), failed.message(), now)) : current;
                default -> current;
            };
        });
    }

    /** A paid order: the payment succeeds on {@code channel}, with its sale and fee postings. */
    Transitions.Move paid(PaymentRecord current, String channel, OrderStatus.Paid paid, Instant now) {
        PaymentRecord onChannel = current.with(io.huitong.payments.domain.ChannelRef.of(channel))
                .with(current.order().opened(paid.channelReference(), current.order().qrPayload(), current.order().expiresAt()));
        return outcomes.approved(onChannel, merchants.of(current.merchantId()), now);
    }

    private Outcome notifyRefund(String channel, String reference, OrderStatus status) {
        var refund = refundRows.find(reference).filter(r -> channel.equals(r.channel()));
        if (refund.isEmpty()) {
            return Outcome.REJECTED;
        }
        ChannelResult result = switch (status) {
            case OrderStatus.Paid paid -> paid.amount().equals(refund.get().money()) ? new ChannelResult.Approved(paid.channelReference()) : null;
            case OrderStatus.Failed failed -> new ChannelResult.Declined(failed.code(), failed.message());
            default -> null;
        };
        if (result == null) {
            return status instanceof OrderStatus.Pending ? Outcome.ACCEPTED : Outcome.REJECTED;
        }
        refunds.settle(reference, result);
        return Outcome.ACCEPTED;
    }

    /** What closing an order came to. */
    sealed interface Closing {
        /** Closed, or never opened: the payment can no longer be paid there. */
        record Closed() implements Closing {
        }

        /** The payer had paid it meanwhile: the payment is now settled as paid. */
        record WasPaid(PaymentRecord payment) implements Closing {
        }

        /** The channel refused to close it, or did not answer. */
        record Refused(ChannelResult answer) implements Closing {
        }
    }

    /** Closes an unpaid order so that its payment can be canceled or paid elsewhere. */
    Closing close(PaymentRecord payment) {
        if (payment.channel().name() == null || payment.status() == PaymentStatus.REQUIRES_CONFIRMATION) {
            return new Closing.Closed();
        }
        OrderChannel channel = channels.named(payment.channel().name());
        ChannelResult closed = channel.close(payment.id());
        if (closed instanceof ChannelResult.Approved) {
            return new Closing.Closed();
        }
        if (closed instanceof ChannelResult.Declined && channel.query(payment.id()) instanceof OrderStatus.Paid paid) {
            return new Closing.WasPaid(settle(payment.id(), channel.name(), paid));
        }
        return new Closing.Refused(closed);
    }

    /** The refusal of a step a channel refused ({@code payment_unexpected_state}) or did not answer ({@code channel_unavailable}). */
    static PaymentRefused refused(ChannelResult answer, String what) {
        return new PaymentRefused(answer instanceof ChannelResult.Declined d
                ? new Refusal.WrongState("payment_unexpected_state", "The channel refused the " + what + ": " + d.message())
                : new Refusal.ChannelUnavailable("The channel did not answer the " + what + "; retry with the same Idempotency-Key."));
    }
}
