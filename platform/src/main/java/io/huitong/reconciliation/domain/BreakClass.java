package io.huitong.reconciliation.domain;

import java.util.Locale;
import java.util.Optional;

/** What matching makes of a statement line or a record of ours; every class but {@link #MATCHED} is a break. */
public enum BreakClass {
    MATCHED,
    /** A statement line with no record of ours. */
    MISSING_IN_LEDGER,
    /** A record of ours that the channel's statements still lack after the grace period. */
    MISSING_IN_CHANNEL,
    AMOUNT_MISMATCH,
    /** The statement says failed or reversed where ours succeeded. */
    STATUS_MISMATCH,
    CURRENCY_MISMATCH,
    /** A line repeating an earlier one of the same reference: the extra line. */
    DUPLICATE,
    /** A record of ours not on the channel's statement yet: expected on a later one, within the grace period. */
    TIMING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BreakClass> ofWire(String name) {
        for (BreakClass c : values()) {
            if (c.wireName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
