package io.huitong.merchantusers;

/** What a merchant user may open on the dashboard; each {@link MerchantRole} holds some of them. */
public enum Permission {
    /** The overview: counts, amounts and rates of recent days, their charts. */
    OVERVIEW,
    /** Payments: the list, its search and filters, a payment's detail and timeline. */
    PAYMENTS_VIEW,
    /** The filtered list of payments as a file (CSV, XLSX). */
    PAYMENTS_EXPORT,
    /** Refunds from a payment's detail (support staff up to the merchant's limit, {@link DashboardSettings}). */
    PAYMENTS_REFUND,
    /** Settlements and their statements, payouts, the balance. */
    SETTLEMENTS,
    /** API keys and their rotation, webhook endpoints and their deliveries. */
    DEVELOPERS,
    /** Coupons and their use. */
    COUPONS_VIEW,
    /** Creating and pausing coupons. */
    COUPONS_MANAGE,
    /** The team: inviting users, changing their roles, disabling them; the dashboard's settings. */
    TEAM
}
