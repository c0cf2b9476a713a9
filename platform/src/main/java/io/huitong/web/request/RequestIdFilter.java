package io.huitong.web.request;

import io.huitong.kernel.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a fresh {@code req_...} id before anything else can answer it, so that 401s, 413s,
 * actuator and docs responses carry one too. It also runs on the error dispatch, keeping the same id,
 * so errors rendered by the container's error page are logged under it.
 */
final class RequestIdFilter extends OncePerRequestFilter {

    private final Ids ids;

    RequestIdFilter(Ids ids) {
        this.ids = ids;
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
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
