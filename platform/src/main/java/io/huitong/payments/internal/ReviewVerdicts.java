package io.huitong.payments.internal;

import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.risk.ReviewedMovements;
import java.time.Clock;
import java.util.Set;

/**
 * An analyst's verdict on a card payment risk control held for review (authorized, not captured): approved, it is
 * captured (or, for a manual capture, left for the merchant to capture); rejected, its authorization is released and
 * it is canceled.
 */
class ReviewVerdicts implements ReviewedMovements {

    private static final Set<PaymentStatus> HELD = Set.of(PaymentStatus.PROCESSING);

    private final PaymentStore payments;
    private final Transitions transitions;
    private final Captures captures;
    private final MerchantLookup merchants;
    private final Clock clock;

    ReviewVerdicts(PaymentStore payments, Transitions transitions, Captures captures, MerchantLookup merchants, Clock clock) {
        this.payments = payments;
        this.transitions = transitions;
        this.captures = captures;
        this.merchants = merchants;
        this.clock = clock;
    }

    @Override
    public boolean handles(String kind) {
        return "card_payment".equals(kind);
    }

    @Override
    public void approve(String paymentId) {
        PaymentRecord payment = held(paymentId, "approved");
        if (!payment.manualCapture()) {
            captures.capture(payment, merchants.of(payment.merchantId()), payment.amounts().capturable(), HELD, "approved");
            return;
        }
        Transitions.Result result = transitions.transition(paymentId, HELD, current -> current.heldForReview()
                ? new Transitions.Move.To(current.moved(PaymentStatus.REQUIRES_CAPTURE, io.huitong.kernel.DbTimes.now(clock)))
                : new Transitions.Move.Stay());
        if (result.payment().status() != PaymentStatus.REQUIRES_CAPTURE) {
            throw wrongState(result.payment(), "approved");
        }
    }

    @Override
    public void reject(String paymentId) {
        PaymentRecord payment = held(paymentId, "rejected");
        captures.release(payment, HELD, new Failure("risk_rejected", "Risk control's review rejected this payment."), "rejected");
    }

    private PaymentRecord held(String paymentId, String action) {
        PaymentRecord payment = payments.find(paymentId).orElseThrow(() -> PaymentRefused.notFound("payment", paymentId));
        if (!payment.heldForReview()) {
            throw wrongState(payment, action);
        }
        return payment;
    }

    private static PaymentRefused wrongState(PaymentRecord payment, String action) {
        return new PaymentRefused(Refusal.WrongState.payment(payment.status().wireName(), action));
    }
}
