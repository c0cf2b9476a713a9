package io.huitong.kernel;

/** The error types of the public API contract (docs/api.md, "Errors"). */
public enum ErrorType {
    INVALID_REQUEST_ERROR("invalid_request_error"),
    AUTHENTICATION_ERROR("authentication_error"),
    PERMISSION_ERROR("permission_error"),
    CARD_ERROR("card_error"),
    /** A payment by another method than a card was declined (bank transfer, e-CNY, QR). */
    PAYMENT_ERROR("payment_error"),
    /** Risk control refused the movement (402 {@code risk_blocked}): nothing moved. */
    RISK_ERROR("risk_error"),
    IDEMPOTENCY_ERROR("idempotency_error"),
    RATE_LIMIT_ERROR("rate_limit_error"),
    API_ERROR("api_error");

    private final String wireName;

    ErrorType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
