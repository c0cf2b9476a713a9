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

    public ApiException(int status, ErrorType type, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
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
