package io.huitong.merchantusers;

/**
 * A merchant's settings of its dashboard, which its owners change.
 *
 * @param supportRefundLimit the largest refund, in minor units of the payment's currency, a support user may make from
 *                           the dashboard; 0: support users refund nothing. Owners and finance staff may refund all of
 *                           what a payment can still give back.
 */
public record DashboardSettings(String merchantId, long supportRefundLimit) {

    /** Until an owner sets it: 500.00 in a currency of two decimals. */
    public static final long DEFAULT_SUPPORT_REFUND_LIMIT = 50_000;
    /** The largest limit that can be set (a payment's largest amount). */
    public static final long MAX_SUPPORT_REFUND_LIMIT = 99_999_999_999L;
}
