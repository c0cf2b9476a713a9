package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.ledger.TransferResult;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.Fees;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capturing an authorized card payment (the merchant's capture, or an analyst's approval of a payment held for review).
 * The acquirer captures first; its approval is then booked under the payment's lock. The acquirer's word stands: a
 * capture it approved after our hold ran out is booked as a sale all the same, and one that lost to a concurrent
 * cancel is reversed at the acquirer, so that nobody keeps money the payment does not show.
 */
class Captures {

    private static final Logger log = LoggerFactory.getLogger(Captures.class);

    private final Transitions transitions;
    private final ChannelRouter cards;
    private final MerchantAccounts accounts;
    private final Clock clock;

    Captures(Transitions transitions, ChannelRouter cards, MerchantAccounts accounts, Clock clock) {
        this.transitions = transitions;
        this.cards = cards;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Captures {@code captured} of the authorization of a payment in one of {@code from}; the rest is released. Answers
     * the payment, {@code succeeded}.
     */
    PaymentRecord capture(PaymentRecord payment, Merchant merchant, long captured, Set<PaymentStatus> from, String action) {
        Money money = new Money(captured, payment.currency());
        ChannelResult answer = cards.channel(payment.channel().name()).capture(payment.id(), money);
        if (!(answer instanceof ChannelResult.Approved)) {
            throw OrderSettlement.refused(answer, "capture");
        }
        long fee = Fees.of(captured, merchant.feePercentBps(), merchant.feeFixed());
        Transitions.Result result = transitions.transition(payment.id(), from, current -> {
            if (from.contains(PaymentStatus.PROCESSING) && !current.heldForReview()) {
                return new Transitions.Move.Stay();
            }
            if (accounts.postCapture(current.id(), current.merchantId(), money, fee) == TransferResult.Code.PENDING_TRANSFER_EXPIRED) {
                log.warn("Payment {}: the acquirer captured it after its authorization's hold ran out here; booked as a sale", current.id());
                accounts.postCaptureWithoutHold(current.id(), current.merchantId(), money, fee);
            }
            Instant now = DbTimes.now(clock);
            return new Transitions.Move.To(current.moved(PaymentStatus.SUCCEEDED, now).with(current.amounts().captured(captured, fee)));
        });
        PaymentRecord current = result.payment();
        if (result.applied() && current.status() == PaymentStatus.SUCCEEDED) {
            return current;
        }
        if (current.status() != PaymentStatus.SUCCEEDED) {
            // canceled meanwhile (its hold released here): the acquirer must not keep what it just captured
            log.warn("Payment {} became {} while its capture was approved; reversing the capture at {}", current.id(),
                    current.status().wireName(), current.channel().name());
            cards.channel(current.channel().name()).reverse(current.id());
        }
        throw new PaymentRefused(Refusal.WrongState.payment(current.status().wireName(), action));
    }

    /** Releases the authorization of a payment in {@code from} and cancels it with {@code failure}, or without one. */
    PaymentRecord release(PaymentRecord payment, Set<PaymentStatus> from, Failure failure, String action) {
        ChannelResult answer = cards.channel(payment.channel().name()).release(payment.id());
        if (!(answer instanceof ChannelResult.Approved)) {
            throw OrderSettlement.refused(answer, "release");
        }
        Transitions.Result result = transitions.transition(payment.id(), from, current -> {
            if (from.contains(PaymentStatus.PROCESSING) && !current.heldForReview()) {
                return new Transitions.Move.Stay();
            }
            accounts.postRelease(current.id());
            return new Transitions.Move.To(current.moved(PaymentStatus.CANCELED, DbTimes.now(clock)).with(current.amounts().cleared())
                    .with(failure).withActionToken(null));
        });
        if (!result.applied() || result.payment().status() != PaymentStatus.CANCELED) {
            throw new PaymentRefused(Refusal.WrongState.payment(result.payment().status().wireName(), action));
        }
        return result.payment();
    }
}
