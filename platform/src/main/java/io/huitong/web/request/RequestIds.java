package io.huitong.web.request;

import jakarta.servlet.http.HttpServletRequest;

/** The {@code Request-Id} of the request being served: in the response header, error bodies and the log MDC. */
public final class RequestIds {

    public static final String HEADER = "Request-Id";
    public static final String MDC_KEY = "request_id";
    static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {
    }

    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }
}
