package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Money;
import io.huitong.payments.NewRefund;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refund;
import io.huitong.payments.Refusal;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.RefundStatus;
import io.huitong.payments.domain.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;

/**
 * Refunds of succeeded payments. The refund is written {@code pending}, and the payment's refunded amount raised, under
 * the payment's lock before the channel is asked, so that concurrent refunds never give back more than was received;
 * the channel's answer then settles it ({@link RefundOutcomes}), or the resolver does when the channel did not answer.
 */
class Refunds {

    private final Transitions transitions;
    private final RefundStore refunds;
    private final RefundOutcomes outcomes;
    private final ChannelRouter cards;
    private final OrderChannelBook orderChannels;
    private final MerchantAccounts accounts;
    private final PaymentsProperties properties;
    private final Clock clock;
    private final Ids ids;

    Refunds(Transitions transitions, RefundStore refunds, RefundOutcomes outcomes, ChannelRouter cards, OrderChannelBook orderChannels,
            MerchantAccounts accounts, PaymentsProperties properties, Clock clock, Ids ids) {
        this.transitions = transitions;
        this.refunds = refunds;
        this.outcomes = outcomes;
        this.cards = cards;
        this.orderChannels = orderChannels;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
    }

    Refund refund(String merchantId, NewRefund request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<RefundRow> earlier = refunds.findByIdempotencyKey(merchantId, idempotencyKey);
            if (earlier.isPresent()) {
                return PaymentViews.view(earlier.get());
            }
        }
        RefundRow refund;
        String[] clearing = {null};
        try {
            refund = transitions.inTx(() -> {
                var payment = transitions.lockOwn(merchantId, request.payment())
                        .orElseThrow(() -> new PaymentRefused(new Refusal.NotFound("payment", request.payment(), "payment")));
                clearing[0] = orderChannels.clearingMethod(payment);
                if (payment.status() != PaymentStatus.SUCCEEDED) {
                    throw new PaymentRefused(new Refusal.WrongState("payment_unexpected_state",
                            "Only a succeeded payment can be refunded; this one is " + payment.status().wireName() + "."));
                }
                long refundable = payment.amounts().refundable();
                long amount = request.amount() == null ? refundable : request.amount();
                if (amount > refundable || amount <= 0) {
                    throw new PaymentRefused(Refusal.InvalidParameter.tooLarge("amount",
                            "The refund would exceed what the payment received; at most " + refundable + " can still be refunded."));
                }
                Instant now = DbTimes.now(clock);
                RefundRow row = new RefundRow(ids.next("re"), merchantId, payment.id(), new Money(amount, payment.currency()),
                        RefundStatus.PENDING, request.reason(), null, payment.channel().name(), idempotencyKey,
                        Resolution.at(now.plus(properties.resolver().firstLook())), now, now);
                refunds.insert(row);
                transitions.apply(payment, new Transitions.Move.To(payment.with(payment.amounts().refunding(amount))));
                return row;
            });
        } catch (DuplicateKeyException e) {
            return PaymentViews.view(refunds.findByIdempotencyKey(merchantId, idempotencyKey).orElseThrow(() -> e));
        }
        accounts.open(merchantId, refund.money().currency(), clearing[0]);
        ChannelResult result = orderChannels.isOrderChannel(refund.channel())
                ? orderChannels.named(refund.channel()).refund(refund.id(), refund.paymentId(), refund.money())
                : cards.channel(refund.channel()).refund(refund.id(), refund.paymentId(), refund.money());
        if (result instanceof ChannelResult.Unknown || result instanceof ChannelResult.Unavailable) {
            return PaymentViews.view(refund);
        }
        return PaymentViews.view(outcomes.settle(refund.id(), result));
    }
}
