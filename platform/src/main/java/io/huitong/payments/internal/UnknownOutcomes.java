package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.Inquiry;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.RefundStatus;
import io.huitong.payments.domain.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The janitor's work: payments and refunds whose outcome is not known (a channel that did not answer in time, an
 * instance that stopped between calling a channel and recording its answer) are asked about, each under its row lock,
 * and settled when the channel knows; an acquirer silent past {@code give-up-after} has the request reversed and the
 * payment fails. An unclear answer is never guessed.
 */
class UnknownOutcomes {

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final OrderResolver orders;
    private final RefundOutcomes refundOutcomes;
    private final ChannelRouter cards;
    private final OrderChannelBook orderChannels;
    private final MerchantAccounts accounts;
    private final MerchantLookup merchants;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final PaymentsProperties properties;
    private final Clock clock;

    UnknownOutcomes(Transitions transitions, Outcomes outcomes, OrderResolver orders, RefundOutcomes refundOutcomes, ChannelRouter cards,
                    OrderChannelBook orderChannels, MerchantAccounts accounts, MerchantLookup merchants, PaymentStore payments,
                    RefundStore refunds, PaymentsProperties properties, Clock clock) {
        this.transitions = transitions;
        this.outcomes = outcomes;
        this.orders = orders;
        this.refundOutcomes = refundOutcomes;
        this.cards = cards;
        this.orderChannels = orderChannels;
        this.accounts = accounts;
        this.merchants = merchants;
        this.payments = payments;
        this.refunds = refunds;
        this.properties = properties;
        this.clock = clock;
    }

    List<String> duePayments(int max) {
        return payments.unresolved(DbTimes.now(clock), max);
    }

    List<String> dueRefunds(int max) {
        return refunds.unresolved(DbTimes.now(clock), max);
    }

    /** Settles one payment whose outcome is unknown, if it is due. Answers whether it is settled now. */
    boolean resolvePayment(String paymentId) {
        return transitions.inTx(() -> {
            PaymentRecord current = payments.lock(paymentId).orElse(null);
            Instant now = DbTimes.now(clock);
            if (current == null || !current.awaitingOutcome()) {
                return true;
            }
            if (!current.resolution().due(now)) {
                return false;
            }
            Transitions.Move move = current.isCard() ? resolveCard(current, now) : orders.resolve(current, now);
            return !transitions.apply(current, move).awaitingOutcome();
        });
    }

    private Transitions.Move resolveCard(PaymentRecord current, Instant now) {
        ChannelRouter.Found found = cards.inquire(current.id(), current.channel().name());
        return switch (found.inquiry()) {
            case Inquiry.Approved a -> {
                accounts.open(current.merchantId(), current.currency(), current.method().wireName());
                yield outcomes.approved(current.with(new ChannelRef(found.channel(), a.authorizationCode())),
                        merchants.of(current.merchantId()), now);
            }
            case Inquiry.Declined d -> outcomes.failed(current.with(ChannelRef.of(found.channel())), d.code(), d.message(), now);
            case Inquiry.NotFound n -> outcomes.failed(current, "processing_error", "The channel never received the payment; try again.", now);
            case Inquiry.Unknown u -> {
                if (givenUp(current.createdAt(), now)) {
                    cards.reverseEverywhere(current.id());
                    yield outcomes.failed(current, "channel_timeout", "The channel did not answer in time; the payment was reversed.", now);
                }
                yield new Transitions.Move.To(current.with(current.resolution().backedOff(now, null)));
            }
        };
    }

    /** Settles one refund whose outcome is unknown, if it is due. Answers whether it is settled now. */
    boolean resolveRefund(String refundId) {
        return transitions.inTx(() -> {
            RefundRow current = refunds.lock(refundId).orElse(null);
            Instant now = DbTimes.now(clock);
            if (current == null || current.status() != RefundStatus.PENDING) {
                return true;
            }
            if (!current.resolution().due(now)) {
                return false;
            }
            ChannelResult outcome = orderChannels.isOrderChannel(current.channel()) ? orderRefundOutcome(current) : cardRefundOutcome(current, now);
            if (outcome == null) {
                refunds.update(current.with(current.resolution().backedOff(now, null)));
                return false;
            }
            refundOutcomes.settleLocked(current, outcome);
            return true;
        });
    }

    /** What the order channel says about a pending refund; null while it cannot tell. */
    private ChannelResult orderRefundOutcome(RefundRow refund) {
        return switch (orderChannels.named(refund.channel()).queryRefund(refund.id(), refund.paymentId())) {
            case OrderStatus.Paid paid -> new ChannelResult.Approved(paid.channelReference());
            case OrderStatus.Failed failed -> new ChannelResult.Declined(failed.code(), failed.message());
            case OrderStatus.NotFound n -> new ChannelResult.Declined("processing_error", "The channel never received the refund.");
            case OrderStatus.Pending p -> null;
            case OrderStatus.Unknown u -> null;
        };
    }

    /**
     * What the acquirer says about a pending refund; null while it cannot tell; reversed and failed once given up. A
     * refund the acquirer never received is sent again: the merchant was told it is under way, and the acquirer knows
     * a refund by its reference, so a copy that did arrive meanwhile is not refunded twice.
     */
    private ChannelResult cardRefundOutcome(RefundRow refund, Instant now) {
        CardChannel channel = cards.channel(refund.channel());
        return switch (channel.inquire(refund.id())) {
            case Inquiry.Approved a -> new ChannelResult.Approved(a.authorizationCode());
            case Inquiry.Declined d -> new ChannelResult.Declined(d.code(), d.message());
            case Inquiry.NotFound n -> switch (channel.refund(refund.id(), refund.paymentId(), refund.money())) {
                case ChannelResult.Approved a -> a;
                case ChannelResult.Declined d -> d;
                default -> givenUpOn(refund, channel, now);
            };
            case Inquiry.Unknown u -> givenUpOn(refund, channel, now);
        };
    }

    /** Null while the refund's outcome may still be learnt; once given up, the refund reversed and failed. */
    private ChannelResult givenUpOn(RefundRow refund, CardChannel channel, Instant now) {
        if (!givenUp(refund.createdAt(), now)) {
            return null;
        }
        channel.reverse(refund.id());
        return new ChannelResult.Declined("channel_timeout", "no answer");
    }

    private boolean givenUp(Instant since, Instant now) {
        return !now.isBefore(since.plus(properties.resolver().giveUpAfter()));
    }

}
