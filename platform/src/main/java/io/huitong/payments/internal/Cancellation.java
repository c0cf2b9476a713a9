package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.time.Clock;
import java.util.Set;

/**
 * A merchant cancels a payment before its money moved: one waiting for confirmation or for the payer (its order
 * closed at the channel first, so the payer can no longer pay it), or an authorization waiting for capture (released
 * at the acquirer first).
 */
class Cancellation {

    private final Transitions transitions;
    private final Captures captures;
    private final OrderSettlement orders;
    private final PaymentViews views;
    private final Clock clock;

    Cancellation(Transitions transitions, Captures captures, OrderSettlement orders, PaymentViews views, Clock clock) {
        this.transitions = transitions;
        this.captures = captures;
        this.orders = orders;
        this.views = views;
        this.clock = clock;
    }

    PaymentRecord cancel(String merchantId, String paymentId) {
        PaymentRecord payment = views.own(merchantId, paymentId);
        if (!payment.status().cancelable()) {
            throw wrongState(payment);
        }
        if (!payment.isCard()) {
            switch (orders.close(payment)) {
                case OrderSettlement.Closing.Closed closed -> {
                }
                case OrderSettlement.Closing.WasPaid paid -> throw wrongState(paid.payment());
                case OrderSettlement.Closing.Refused refused -> throw OrderSettlement.refused(refused.answer(), "cancellation");
            }
        }
        // the state seen is the one canceled: a payment that moved on meanwhile (authorized, say) is refused, never
        // canceled here while its acquirer still holds an authorization
        Set<PaymentStatus> from = Set.of(payment.status());
        if (payment.status() == PaymentStatus.REQUIRES_CAPTURE) {
            return captures.release(payment, from, Failure.NONE, "canceled");
        }
        Transitions.Result result = transitions.transition(paymentId, from, current -> new Transitions.Move.To(
                current.moved(PaymentStatus.CANCELED, DbTimes.now(clock)).with(current.amounts().cleared()).withActionToken(null)));
        if (!result.applied()) {
            throw wrongState(result.payment());
        }
        return result.payment();
    }

    private static PaymentRefused wrongState(PaymentRecord payment) {
        return new PaymentRefused(Refusal.WrongState.payment(payment.status().wireName(), "canceled"));
    }
}
