package io.huitong.kernel;

/**
 * An error that the API answers in the contract's error shape. Messages are written for the API caller
 * and must never contain secrets or card data.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final ErrorType type;
    private final String code;
    private final String param;
    private final String payment;

    public ApiException(int status, ErrorType type, String code, String message, String param) {
        this(status, type, code, message, param, null);
    }

    private ApiException(int status, ErrorType type, String code, String message, String param, String payment) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.payment = payment;
    }

    /** A declined payment (402 {@code card_error}): the payment exists, failed, and the error names it. */
    public static ApiException cardError(String code, String message, String param, String paymentId) {
        return new ApiException(402, ErrorType.CARD_ERROR, code, message, param, paymentId);
    }

    /** A declined payment by bank transfer, e-CNY or QR: 402 {@code payment_error}, naming the failed payment. */
    public static ApiException paymentError(String code, String message, String paymentId) {
        return new ApiException(402, ErrorType.PAYMENT_ERROR, code, message, null, paymentId);
    }

    /**
     * Risk control blocked the movement: 402 {@code risk_error}, code {@code risk_blocked}; nothing moved. Names the
     * failed payment, if one was created.
     */
    public static ApiException riskBlocked(String paymentId) {
        return new ApiException(402, ErrorType.RISK_ERROR, "risk_blocked", "Risk control blocked this payment.", null, paymentId);
    }

    /** Risk control asks for a second factor ({@code otp}) the request did not give: 402 {@code authentication_required}. */
    public static ApiException authenticationRequired(String message) {
        return new ApiException(402, ErrorType.RISK_ERROR, "authentication_required", message, "otp", null);
    }

    /** The payment a {@code card_error} or {@code payment_error} is about, or null. */
    public String payment() {
        return payment;
    }

    public static ApiException missing(String param) {
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "parameter_missing", param + " is required", param);
    }

    public static ApiException invalid(String param, String message) {
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "parameter_invalid", message, param);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "resource_missing", "No such " + what + ": '" + id + "'", "id");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, ErrorType.INVALID_REQUEST_ERROR, code, message, null);
    }

    public int status() {
        return status;
    }

    public ErrorType type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
