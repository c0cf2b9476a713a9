package io.huitong.checkout.domain;

import java.time.Instant;

/**
 * A checkout session's status: {@code open} until its payment succeeds ({@code complete}) or it expires
 * ({@code expired}). A session whose payment succeeds after it expired (the payer scanned just in time) is complete:
 * the money was taken.
 */
public enum SessionStatus {
    OPEN, COMPLETE, EXPIRED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SessionStatus of(String wireName) {
        return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }

    /** The status as of {@code now}: an open session past its expiry is expired. */
    public SessionStatus at(Instant now, Instant expiresAt) {
        return this == OPEN && !now.isBefore(expiresAt) ? EXPIRED : this;
    }

    /** Whether a payment may start: only while open. */
    public boolean takesPayment() {
        return this == OPEN;
    }
}
