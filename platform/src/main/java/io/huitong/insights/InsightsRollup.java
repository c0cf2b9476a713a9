package io.huitong.insights;

import java.time.Instant;

/**
 * The overview's hourly rollup. A background job rolls it by itself; {@link #roll()} runs one pass now (an operator
 * after loading payments in bulk, a test).
 */
public interface InsightsRollup {

    /** Rolls what is due now and says how far the rollup is. */
    Pass roll();

    /**
     * @param rolledUntil   every hour before it is in the rollup; the overview reads the payment table from there on
     * @param scannedUntil  changes to payments and refunds up to here were looked at
     * @param hoursRolled   (merchant, hour) pairs this pass rolled, or rolled again
     */
    record Pass(Instant rolledUntil, Instant scannedUntil, int hoursRolled) {
    }
}
