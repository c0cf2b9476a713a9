package io.huitong.web.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.huitong.kernel.ApiException;

/** The contract's error body: {@code {"error":{"type","code","message","param","request_id"}}}. */
public record ApiError(Body error) {

    public record Body(String type, String code, String message, String param,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String payment, String requestId) {
    }

    public static ApiError of(ApiException e, String requestId) {
        return new ApiError(new Body(e.type().wireName(), e.code(), e.getMessage(), e.param(), e.payment(), requestId));
    }
}
