package io.huitong.checkout.internal;

import io.huitong.events.EventRecorded;
import io.huitong.events.EventTypes;
import io.huitong.payments.Payment;
import org.springframework.context.event.EventListener;

/**
 * Follows the payments of checkout sessions through the events payments records, inside the transaction that changes
 * the payment: a session is complete and its coupon redeemed when, and only when, its payment succeeded; a failed or
 * canceled payment gives the coupon's redemption back and opens the session's next attempt. Only a payment of the
 * session's own merchant counts.
 */
final class PaymentOutcomes {

    static final String SESSION = "checkout_session";
    static final String ATTEMPT = "checkout_attempt";

    private final SessionStore sessions;
    private final CouponStore coupons;

    PaymentOutcomes(SessionStore sessions, CouponStore coupons) {
        this.sessions = sessions;
        this.coupons = coupons;
    }

    @EventListener
    void on(EventRecorded event) {
        if (!(event.object() instanceof Payment p) || p.metadata() == null || !p.metadata().containsKey(SESSION)) {
            return;
        }
        String sessionId = p.metadata().get(SESSION);
        Integer attempt = attempt(p.metadata().get(ATTEMPT));
        if (attempt == null || event.merchantId() == null) {
            return;
        }
        String type = p.paymentMethod() == null ? null : p.paymentMethod().type();
        switch (event.type()) {
            case EventTypes.PAYMENT_SUCCEEDED -> {
                if (sessions.complete(sessionId, event.merchantId(), p.id(), type, event.createdAt())) {
                    coupons.redeem(sessionId, attempt);
                }
            }
            case EventTypes.PAYMENT_FAILED, EventTypes.PAYMENT_CANCELED -> {
                if (sessions.nextAttempt(sessionId, event.merchantId(), attempt)) {
                    coupons.release(sessionId, attempt);
                }
            }
            default -> sessions.recordPayment(sessionId, event.merchantId(), attempt, p.id(), null);
        }
    }

    private static Integer attempt(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(text);
    }
}
