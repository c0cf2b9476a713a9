package io.huitong.web.request;

import io.huitong.kernel.Ids;
import io.huitong.web.error.ErrorCodes;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.MDC;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every request gets before anything else can answer it, in one pass:
 * <ul>
 *   <li>a fresh {@code req_...} id (header, error bodies, log MDC), also on the error dispatch, where it keeps the
 *       same id, so that 401s, 413s, actuator and docs responses carry one too;</li>
 *   <li>its body read into memory once, at most 1 MiB: larger bodies get 413 however they are sent (a Content-Length
 *       can be absent with chunked encoding, so the bytes themselves are counted). Bodies of writes that are not JSON
 *       get 415, except channels' notifications ({@code /notify/...}), which come in each channel's own format and
 *       are checked by their connector. Later filters and handlers read the cached copy.</li>
 *   <li>text no field can hold refused with a 400 before any handler sees it: a NUL character or an unpaired
 *       surrogate in a JSON body or a query string ({@link TextChecks});</li>
 *   <li>except for uploads of files of any size ({@link #STREAMED_PATHS}: a channel's statement, millions of lines), whose
 *       handler reads the body as a stream, in its own format, without it ever being held whole;</li>
 *   <li>and except for the forms of the payer's pages ({@link #PAGE_PATHS}, URL-encoded or multipart), whose fields the
 *       servlet container reads itself, within its own limits (and a declared length of at most 1 MiB); the pages check
 *       their text.</li>
 * </ul>
 */
final class RequestFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final String NOTIFY_PATH = "/notify/";
    /** Handlers that take their body as a stream, whatever its size and format. */
    static final Set<String> STREAMED_PATHS = Set.of("/v1/admin/reconciliations/upload");
    /** The payer's pages, which post HTML forms (io.huitong.web.pages). */
    static final java.util.List<String> PAGE_PATHS = java.util.List.of("/wallet", "/checkout/", "/merchant", "/console");

    private final Ids ids;
    private final ErrorResponses errors;

    RequestFilter(Ids ids, ErrorResponses errors) {
        this.ids = ids;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.of(request);
        if (id == null) {
            id = ids.next("req");
            request.setAttribute(RequestIds.ATTRIBUTE, id);
        }
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            if (request.getDispatcherType() == jakarta.servlet.DispatcherType.REQUEST && request.getQueryString() != null
                    && TextChecks.refusedQuery(request.getQueryString())) {
                errors.write(request, response, refusedText(null));
                return;
            }
            if (request.getDispatcherType() == jakarta.servlet.DispatcherType.REQUEST && request.getQueryString() != null
                    && TextChecks.malformedQuery(request.getQueryString())) {
                errors.write(request, response, new io.huitong.kernel.ApiException(400, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR, "parameter_invalid",
                        "The query string must be percent-encoded UTF-8: a % followed by two hex digits, making valid UTF-8.", null));
                return;
            }
            if (isAsyncDispatch(request) || !hasBody(request) || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST
                    || STREAMED_PATHS.contains(request.getRequestURI())) {
                chain.doFilter(request, response);
            } else if (isPageForm(request)) {
                if (request.getContentLengthLong() > MAX_BODY_BYTES) {
                    errors.write(request, response, ErrorCodes.tooLarge());
                    return;
                }
                chain.doFilter(request, response);
            } else {
                withBody(request, response, chain);
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void withBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            errors.write(request, response, ErrorCodes.tooLarge());
            return;
        }
        long declared = request.getContentLengthLong();
        // a declared length is read into a buffer of its size (the server delivers no more); a chunked body in steps
        byte[] body = declared >= 0 ? readDeclared(request, (int) declared) : request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            errors.write(request, response, ErrorCodes.tooLarge());
            return;
        }
        boolean json = isJson(request.getContentType());
        if (body.length > 0 && WRITE_METHODS.contains(request.getMethod()) && !json && !request.getRequestURI().startsWith(NOTIFY_PATH)) {
            errors.write(request, response, ErrorCodes.unsupportedMediaType());
            return;
        }
        if (json && TextChecks.refusedJson(body)) {
            errors.write(request, response, refusedText(TextChecks.refusedField(body)));
            return;
        }
        request.setAttribute(RequestBodies.ATTRIBUTE, body);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static io.huitong.kernel.ApiException refusedText(String field) {
        return new io.huitong.kernel.ApiException(400, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR, "parameter_invalid",
                field == null ? TextChecks.MESSAGE : field + ": " + TextChecks.MESSAGE, field);
    }

    /** A body of the declared length; shorter if the client sent less before it closed. */
    private static byte[] readDeclared(HttpServletRequest request, int length) throws IOException {
        byte[] body = new byte[length];
        int read = request.getInputStream().readNBytes(body, 0, length);
        return read == length ? body : java.util.Arrays.copyOf(body, read);
    }

    /** A form posted to one of the payer's pages: URL-encoded fields or a multipart upload. */
    private static boolean isPageForm(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String type = request.getContentType();
        if (type == null || PAGE_PATHS.stream().noneMatch(p -> uri.equals(p) || uri.startsWith(p.endsWith("/") ? p : p + "/"))) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(media) || MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(media);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
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
            return "application".equals(type.getType()) && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
