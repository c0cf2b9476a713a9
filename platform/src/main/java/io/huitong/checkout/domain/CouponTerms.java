package io.huitong.checkout.domain;

import io.huitong.checkout.CouponVerdict;

import java.time.Instant;

/**
 * What a coupon takes off and when it may be used. A percentage is whole percent, 1 to 99, and its discount is
 * rounded half up to the minor unit (10% of 1.05 is 0.11; 15% of 0.01 is 0.00). A discount never takes a total to
 * zero: a coupon worth the whole amount or more does not apply.
 */
public record CouponTerms(Long amountOff, Integer percentOff, String currency, Long minimumAmount, Instant validFrom,
                          Instant validUntil, Integer maxRedemptions) {

    /**
     * The verdict for an order of {@code amount} in {@code currency} at {@code now}, {@code claimed} redemptions having
     * been taken (reserved or made) already.
     */
    public CouponVerdict judge(long amount, String currency, Instant now, int claimed) {
        if (validFrom != null && now.isBefore(validFrom)) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.NOT_YET_VALID);
        }
        if (validUntil != null && !now.isBefore(validUntil)) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.EXPIRED);
        }
        if (maxRedemptions != null && claimed >= maxRedemptions) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.USED_UP);
        }
        if (this.currency != null && !this.currency.equals(currency)) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.CURRENCY);
        }
        if (minimumAmount != null && amount < minimumAmount) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.BELOW_MINIMUM);
        }
        long discount = discount(amount);
        if (discount >= amount) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.EXCEEDS_TOTAL);
        }
        return new CouponVerdict.Applies(discount, amount - discount);
    }

    /** The discount on {@code amount}: the amount off, or the percentage rounded half up to the minor unit. */
    public long discount(long amount) {
        if (amountOff != null) {
            return amountOff;
        }
        // amount ≤ 99,999,999,999 and percent ≤ 99: the product stays far inside a long
        return (amount * percentOff + 50) / 100;
    }
}
