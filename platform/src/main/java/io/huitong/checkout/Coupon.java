package io.huitong.checkout;

import io.huitong.checkout.domain.CouponTerms;
import java.time.Instant;

/**
 * A merchant's coupon; {@code timesRedeemed} counts the payments with it that succeeded. {@code pausedAt}: since when its
 * merchant paused it (payers can neither apply it nor pay with it), or null.
 */
public record Coupon(String id, String merchantId, String code, Long amountOff, Integer percentOff, String currency, Long minimumAmount,
                     Instant validFrom, Instant validUntil, Integer maxRedemptions, Integer maxRedemptionsPerPayer, int timesRedeemed,
                     Instant createdAt, Instant pausedAt) {

    public boolean paused() {
        return pausedAt != null;
    }

    public CouponTerms terms() {
        return new CouponTerms(amountOff, percentOff, currency, minimumAmount, validFrom, validUntil, maxRedemptions);
    }
}
