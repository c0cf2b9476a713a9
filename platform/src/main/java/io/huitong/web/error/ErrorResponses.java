package io.huitong.web.error;

import io.huitong.kernel.ApiException;
import io.huitong.web.request.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Renders {@link ApiException}s in the contract's shape, from controllers and from servlet filters alike. */
@Component
public class ErrorResponses {

    private final JsonMapper json;

    public ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public ResponseEntity<ApiError> entity(ApiException e, HttpServletRequest request) {
        return entity(e, request, HttpHeaders.EMPTY);
    }

    // The content type is preset so that no Accept header can turn an error into a 406.
    public ResponseEntity<ApiError> entity(ApiException e, HttpServletRequest request, HttpHeaders headers) {
        return ResponseEntity.status(e.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(e, RequestIds.of(request)));
    }

    /** For filters, which run outside Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = json.writeValueAsBytes(ApiError.of(e, RequestIds.of(request)));
        response.setStatus(e.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
