package io.huitong.web.request;

import jakarta.servlet.http.HttpServletRequest;

/** The request body as read by {@link RequestFilter}: never more than the 1 MiB limit. */
public final class RequestBodies {

    static final String ATTRIBUTE = RequestBodies.class.getName();
    private static final byte[] EMPTY = new byte[0];

    private RequestBodies() {
    }

    public static byte[] of(HttpServletRequest request) {
        Object body = request.getAttribute(ATTRIBUTE);
        return body instanceof byte[] bytes ? bytes : EMPTY;
    }
}
