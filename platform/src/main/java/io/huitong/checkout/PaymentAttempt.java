package io.huitong.checkout;

import io.huitong.payments.Payment;

/** What came of a payer's attempt to pay a checkout session. */
public sealed interface PaymentAttempt {

    /** A payment was made or started: it succeeded, failed, or waits for the payer (step-up, QR) or the channel. */
    record Made(CheckoutSession session, Payment payment) implements PaymentAttempt {
    }

    /**
     * Nothing was paid: {@code code} says why ({@code card_declined} and the other decline codes, {@code coupon_used_up}
     * and the other coupon codes, {@code invalid_credentials}, {@code checkout_session_closed}, ...), {@code message} says
     * it for a developer (the page has its own words), {@code param} names the field at fault, if any.
     */
    record Refused(String code, String message, String param) implements PaymentAttempt {
    }
}
