package io.huitong.payments.domain;

/** Why a payment failed or was canceled: docs/api.md's code, and a message for the merchant. */
public record Failure(String code, String message) {

    public static final Failure NONE = new Failure(null, null);

    /** Risk control blocked the payment before any channel heard of it. */
    public static final String RISK_BLOCKED = "risk_blocked";

    public static Failure riskBlocked() {
        return new Failure(RISK_BLOCKED, "Risk control blocked this payment.");
    }

    public boolean isRiskBlock() {
        return RISK_BLOCKED.equals(code);
    }
}
