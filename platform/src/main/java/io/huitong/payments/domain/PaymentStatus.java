package io.huitong.payments.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The payment state machine of api.md. A payment moves only along these edges; {@code succeeded},
 * {@code failed} and {@code canceled} are final.
 */
public enum PaymentStatus {
    REQUIRES_CONFIRMATION,
    REQUIRES_ACTION,
    PROCESSING,
    REQUIRES_CAPTURE,
    SUCCEEDED,
    FAILED,
    CANCELED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PaymentStatus> fromWire(String text) {
        for (PaymentStatus s : values()) {
            if (s.wireName().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Set<PaymentStatus> next() {
        return switch (this) {
            case REQUIRES_CONFIRMATION -> EnumSet.of(PROCESSING, FAILED, CANCELED);
            case REQUIRES_ACTION -> EnumSet.of(PROCESSING, FAILED, CANCELED);
            case PROCESSING -> EnumSet.of(REQUIRES_ACTION, REQUIRES_CAPTURE, SUCCEEDED, FAILED, CANCELED);
            case REQUIRES_CAPTURE -> EnumSet.of(SUCCEEDED, CANCELED);
            case SUCCEEDED, FAILED, CANCELED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canMoveTo(PaymentStatus target) {
        return next().contains(target);
    }

    /**
     * Cancel is allowed before the money moved: waiting for confirmation, for the payer, or for capture. A
     * {@code processing} payment is canceled only by an analyst rejecting it in review, never by the merchant.
     */
    public boolean cancelable() {
        return this != PROCESSING && canMoveTo(CANCELED);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
