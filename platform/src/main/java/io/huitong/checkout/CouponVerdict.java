package io.huitong.checkout;

/** Whether a coupon applies to an order: the discount and the new total, or why not. */
public sealed interface CouponVerdict {

    record Applies(long discount, long total) implements CouponVerdict {
    }

    record Refused(Reason reason) implements CouponVerdict {
    }

    /** Why a coupon does not apply; each has its code in the API and its sentence on the page. */
    enum Reason {
        UNKNOWN("coupon_invalid"),
        NOT_YET_VALID("coupon_not_yet_valid"),
        EXPIRED("coupon_expired"),
        USED_UP("coupon_used_up"),
        PAYER_LIMIT("coupon_payer_limit_reached"),
        PAYER_UNKNOWN("coupon_payer_required"),
        CURRENCY("coupon_currency_mismatch"),
        BELOW_MINIMUM("coupon_minimum_not_met"),
        EXCEEDS_TOTAL("coupon_exceeds_total");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
