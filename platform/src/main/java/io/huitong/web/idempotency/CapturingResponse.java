package io.huitong.web.idempotency;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Buffers the response so it can be stored before it is sent. A response produced through
 * {@code sendError} is rendered later by the error page, out of our sight, so it is remembered as
 * not storable.
 */
final class CapturingResponse extends ContentCachingResponseWrapper {

    private boolean sentError;

    CapturingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
        sentError = true;
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        sentError = true;
        super.sendError(status, message);
    }

    /** 5xx are never stored: our failure must not become the permanent answer to the key. */
    boolean storable() {
        return !sentError && getStatus() < 500;
    }

    StoredResponse toStored() {
        return new StoredResponse(getStatus(), getContentType(), getHeader("Location"), getContentAsByteArray());
    }
}
