package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.kernel.DbTimes;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.RefundStatus;
import java.time.Clock;
import java.time.Instant;

/**
 * Settles a pending refund with its channel's answer, once, under the refund's lock: approved, the money goes from the
 * merchant's pending balance back to the channel's clearing account; refused, the payment can be refunded that much
 * again. Each records its event.
 */
class RefundOutcomes {

    private final RefundStore refunds;
    private final PaymentStore payments;
    private final Transitions transitions;
    private final MerchantAccounts accounts;
    private final OrderChannelBook orderChannels;
    private final ChannelRouter cardChannels;
    private final EventLog events;
    private final Clock clock;

    RefundOutcomes(RefundStore refunds, PaymentStore payments, Transitions transitions, MerchantAccounts accounts,
                   OrderChannelBook orderChannels, ChannelRouter cardChannels, EventLog events, Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.transitions = transitions;
        this.accounts = accounts;
        this.orderChannels = orderChannels;
        this.cardChannels = cardChannels;
        this.events = events;
        this.clock = clock;
    }

    /** Settles the refund if it is still pending; answers it as it now is. */
    RefundRow settle(String refundId, ChannelResult result) {
        return transitions.inTx(() -> {
            RefundRow current = refunds.lock(refundId).orElseThrow(() -> new IllegalStateException("refund " + refundId + " vanished"));
            return current.status() == RefundStatus.PENDING ? settleLocked(current, result) : current;
        });
    }

    /** Settles a pending refund the caller holds locked in its transaction. */
    RefundRow settleLocked(RefundRow current, ChannelResult result) {
        Instant now = DbTimes.now(clock);
        RefundRow next;
        if (result instanceof ChannelResult.Approved) {
            accounts.postRefund(current.id(), current.paymentId(), current.merchantId(), clearingMethod(current), current.money());
            next = current.settled(RefundStatus.SUCCEEDED, null, now);
        } else {
            String code = result instanceof ChannelResult.Declined d ? d.code() : "processing_error";
            transitions.transition(current.paymentId(), Transitions.ANY,
                    payment -> new Transitions.Move.To(payment.with(payment.amounts().refunding(-current.money().amount()))));
            next = current.settled(RefundStatus.FAILED, code, now);
        }
        refunds.update(next);
        next.status().event().ifPresent(type -> events.record(current.merchantId(), type, PaymentViews.view(next)));
        return next;
    }

    /**
     * The refund goes back through the channel that was paid, whose clearing account it names; only a channel no
     * longer configured needs the payment read to find it.
     */
    private String clearingMethod(RefundRow refund) {
        if (orderChannels.isOrderChannel(refund.channel())) {
            return orderChannels.clearingMethod(refund.channel(), null);
        }
        if (cardChannels.find(refund.channel()).isPresent()) {
            return "card";
        }
        PaymentRecord payment = payments.find(refund.paymentId()).orElseThrow();
        return orderChannels.clearingMethod(payment);
    }
}
