package io.huitong.payments.domain;

import java.util.Optional;

/** A refund is {@code pending} until its channel answers, then {@code succeeded} or {@code failed} for good. */
public enum RefundStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    private final String wireName = WireNames.of(this);

    public String wireName() {
        return wireName;
    }

    public static Optional<RefundStatus> fromWire(String text) {
        return WireNames.parse(RefundStatus.class, text);
    }

    public boolean canMoveTo(RefundStatus target) {
        return this == PENDING && target != PENDING;
    }

    /** The event a refund records on reaching this state, if any. */
    public Optional<String> event() {
        return this == PENDING ? Optional.empty() : Optional.of("refund." + wireName);
    }
}
