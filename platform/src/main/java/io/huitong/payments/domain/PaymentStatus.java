package io.huitong.payments.domain;

import java.util.Optional;

/**
 * The states of a payment (docs/api.md). Which moves between them are allowed, and what each move tells the merchant,
 * is {@link PaymentTransitions}; {@code succeeded}, {@code failed} and {@code canceled} are final.
 */
public enum PaymentStatus {
    REQUIRES_CONFIRMATION,
    REQUIRES_ACTION,
    PROCESSING,
    REQUIRES_CAPTURE,
    SUCCEEDED,
    FAILED,
    CANCELED;

    private final String wireName = WireNames.of(this);

    public String wireName() {
        return wireName;
    }

    public static Optional<PaymentStatus> fromWire(String text) {
        return WireNames.parse(PaymentStatus.class, text);
    }

    public boolean canMoveTo(PaymentStatus target) {
        return PaymentTransitions.allowed(this, target);
    }

    /**
     * Cancel is allowed before the money moved: waiting for confirmation, for the payer, or for capture. A
     * {@code processing} payment is canceled only by an analyst rejecting it in review, never by the merchant.
     */
    public boolean cancelable() {
        return this != PROCESSING && canMoveTo(CANCELED);
    }

    public boolean isFinal() {
        return PaymentTransitions.next(this).isEmpty();
    }
}
