package io.huitong.payments.domain;

import io.huitong.kernel.Money;
import java.time.Instant;

/**
 * A payment as the payments core keeps it: an aggregate of value parts. Immutable: every change is a new value,
 * written back in the transaction that made it. {@code sealedAccount} is the card number, or the payer's account
 * for an order, sealed by the vault; never clear. A move to another status is allowed only along
 * {@link PaymentTransitions}.
 */
public record PaymentRecord(String id, String merchantId, PaymentStatus status, PaymentMethod method, CaptureMethod capture,
                            Amounts amounts, CardDetails card, OrderDetails order, ChannelRef channel, String sealedAccount,
                            String actionToken, Failure failure, RiskVerdict risk, Intent intent, Resolution resolution,
                            Instant createdAt, Instant updatedAt, Answer answer) {

    public PaymentRecord {
        order = order == null ? OrderDetails.EMPTY : order;
        channel = channel == null ? ChannelRef.NONE : channel;
        failure = failure == null ? Failure.NONE : failure;
        resolution = resolution == null ? Resolution.NONE : resolution;
        answer = answer == null ? Answer.UNTRACKED : answer;
    }

    public Money money() {
        return amounts.requested();
    }

    public String currency() {
        return amounts.currency();
    }

    public boolean isCard() {
        return method.isCard();
    }

    public boolean manualCapture() {
        return capture == CaptureMethod.MANUAL;
    }

    /** Risk control asked for an analyst's review: a card payment is then only authorized until the verdict. */
    public boolean riskReview() {
        return risk != null && risk.is(RiskVerdict.Decision.REVIEW);
    }

    /** Held for an analyst's review: authorized (the hold in the ledger), neither captured nor released yet. */
    public boolean heldForReview() {
        return riskReview() && status == PaymentStatus.PROCESSING && amounts.capturable() > 0;
    }

    /** Holds {@code channelName}'s approval already: the resolver asked the channel and recorded it before its answer came. */
    public boolean recordsApprovalOf(String channelName) {
        return channelName != null && channel != null && channelName.equals(channel.name()) && channel.authorizationCode() != null;
    }

    /** Waiting for a channel or the payer, so that the resolver may settle it: processing, or an order showing its QR code. */
    public boolean awaitingOutcome() {
        return status == PaymentStatus.PROCESSING || (!isCard() && status == PaymentStatus.REQUIRES_ACTION);
    }

    /** Moved to {@code next} at {@code now}; only along the transition table. Leaving {@code processing} ends the resolver's watch. */
    public PaymentRecord moved(PaymentStatus next, Instant now) {
        if (!PaymentTransitions.allowed(status, next)) {
            throw new IllegalStateException("payment " + id + " cannot move from " + status + " to " + next);
        }
        Resolution watch = next == PaymentStatus.PROCESSING || next == PaymentStatus.REQUIRES_ACTION && !isCard() ? resolution
                : Resolution.NONE;
        return new PaymentRecord(id, merchantId, next, method, capture, amounts, card, order, channel, sealedAccount, actionToken, failure,
                risk, intent, watch, createdAt, now, answer);
    }

    public PaymentRecord with(Amounts newAmounts) {
        return new PaymentRecord(id, merchantId, status, method, capture, newAmounts, card, order, channel, sealedAccount, actionToken,
                failure, risk, intent, resolution, createdAt, updatedAt, answer);
    }

    public PaymentRecord with(OrderDetails newOrder) {
        return new PaymentRecord(id, merchantId, status, method, capture, amounts, card, newOrder, channel, sealedAccount, actionToken,
                failure, risk, intent, resolution, createdAt, updatedAt, answer);
    }

    public PaymentRecord with(ChannelRef newChannel) {
        return new PaymentRecord(id, merchantId, status, method, capture, amounts, card, order, newChannel, sealedAccount, actionToken,
                failure, risk, intent, resolution, createdAt, updatedAt, answer);
    }

    public PaymentRecord with(Failure newFailure) {
        return new PaymentRecord(id, merchantId, status, method, capture, amounts, card, order, channel, sealedAccount, actionToken,
                newFailure, risk, intent, resolution, createdAt, updatedAt, answer);
    }

    public PaymentRecord with(Resolution newResolution) {
        return new PaymentRecord(id, merchantId, status, method, capture, amounts, card, order, channel, sealedAccount, actionToken,
                failure, risk, intent, newResolution, createdAt, updatedAt, answer);
    }

    /** With the answer its creating request got (or is due to get). */
    public PaymentRecord with(Answer newAnswer) {
        return new PaymentRecord(id, merchantId, status, method, capture, amounts, card, order, channel, sealedAccount, actionToken,
                failure, risk, intent, resolution, createdAt, updatedAt, newAnswer);
    }

    public PaymentRecord withActionToken(String token) {
        return new PaymentRecord(id, merchantId, status, method, capture, amounts, card, order, channel, sealedAccount, token, failure,
                risk, intent, resolution, createdAt, updatedAt, answer);
    }

    @Override
    public String toString() {
        return "Payment[" + id + ", " + status + ", " + amounts.requested() + "]";
    }
}
