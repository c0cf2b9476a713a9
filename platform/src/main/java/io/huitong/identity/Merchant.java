package io.huitong.identity;

import java.time.Instant;

/**
 * A merchant as the platform knows it. Carries no secret.
 *
 * @param settlementSchedule {@code T0}, {@code T1} or {@code T2}: business days from a payment to its settlement
 * @param settlementCurrency the currency the merchant is paid out in
 */
public record Merchant(String id, String name, String email, String defaultCurrency, String settlementSchedule,
                       String settlementCurrency, int feePercentBps, long feeFixed, String status, Instant createdAt) {

    /** Takes payments; its keys work. */
    public static final String ACTIVE = "active";
    /** Frozen by an operator: its keys are refused. */
    public static final String FROZEN = "frozen";

    /** The business days from a payment to its settlement: 0 for {@code T0}, 1 for {@code T1}, 2 for {@code T2}. */
    public int settlementDays() {
        return settlementSchedule.charAt(1) - '0';
    }
}
