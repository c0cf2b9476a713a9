package io.huitong.web.request;

import io.huitong.web.error.ErrorCodes;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads request bodies into memory, at most 1 MiB: larger bodies get 413 however they are sent (a
 * Content-Length can be absent with chunked encoding, so the bytes themselves are counted). Bodies of
 * writes that are not JSON get 415, except channels' notifications ({@code /notify/...}), which come in
 * each channel's own format (form fields, ISO 20022 XML) and are checked by their connector. Later filters
 * (idempotency) and handlers read the cached copy.
 */
final class RequestBodyFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final String NOTIFY_PATH = "/notify/";

    private final ErrorResponses errors;

    RequestBodyFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            errors.write(request, response, ErrorCodes.tooLarge());
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            errors.write(request, response, ErrorCodes.tooLarge());
            return;
        }
        if (body.length > 0 && WRITE_METHODS.contains(request.getMethod()) && !isJson(request.getContentType())
                && !request.getRequestURI().startsWith(NOTIFY_PATH)) {
            errors.write(request, response, ErrorCodes.unsupportedMediaType());
            return;
        }
        request.setAttribute(RequestBodies.ATTRIBUTE, body);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
