package io.huitong.web.error;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;

/** Contract errors for bare HTTP statuses, for failures that carry nothing but a status. */
public final class ErrorCodes {

    public static final String INTERNAL_MESSAGE =
            "An unexpected error occurred on our side. Retry later; quote the Request-Id when contacting support.";

    private ErrorCodes() {
    }

    public static ApiException forStatus(int status) {
        return switch (status) {
            case 401 -> new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "authentication_required", "Authentication is required.", null);
            case 403 -> new ApiException(403, ErrorType.PERMISSION_ERROR, "permission_denied", "This key is not allowed to do this.", null);
            case 404 -> new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "resource_missing", "Unrecognized request URL.", null);
            case 405 -> new ApiException(405, ErrorType.INVALID_REQUEST_ERROR, "method_not_allowed", "This method is not allowed on this URL.", null);
            case 406 -> new ApiException(406, ErrorType.INVALID_REQUEST_ERROR, "not_acceptable", "Responses are application/json.", null);
            case 413 -> tooLarge();
            case 415 -> unsupportedMediaType();
            case 429 -> new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "rate_limited", "Too many requests. Retry later.", null);
            case 503 -> new ApiException(503, ErrorType.API_ERROR, "service_unavailable", "The service is temporarily unavailable. Retry later.", null);
            default -> status >= 400 && status < 500
                    ? new ApiException(status, ErrorType.INVALID_REQUEST_ERROR, "invalid_request", "The request could not be processed.", null)
                    : internal();
        };
    }

    /** The database could not be reached (docs/api.md "Errors"): the request did all it did, or nothing, and may be retried. */
    public static ApiException databaseUnavailable() {
        return new ApiException(503, ErrorType.API_ERROR, "service_unavailable",
                "The service is temporarily unavailable. Retry shortly with the same Idempotency-Key to get the request's outcome.", null);
    }

    public static ApiException internal() {
        return new ApiException(500, ErrorType.API_ERROR, "internal_error", INTERNAL_MESSAGE, null);
    }

    public static ApiException tooLarge() {
        return new ApiException(413, ErrorType.INVALID_REQUEST_ERROR, "request_too_large",
                "The request body is larger than the limit of 1 MiB.", null);
    }

    public static ApiException unsupportedMediaType() {
        return new ApiException(415, ErrorType.INVALID_REQUEST_ERROR, "unsupported_media_type",
                "Request bodies must be JSON, sent with Content-Type: application/json.", null);
    }

    public static ApiException unrecognizedUrl(String method, String path) {
        return new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "resource_missing",
                "Unrecognized request URL (" + method + " " + path + ").", null);
    }
}
