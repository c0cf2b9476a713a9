package io.huitong.web.pages.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's forms hold text only: a form whose encoding is broken (a bare {@code %}, bytes that are no UTF-8), or with a
 * field that holds a NUL or another control character but a line break or tab, or half of a surrogate pair, is refused before
 * anything reads it, Spring Security's CSRF check included: the operator sees the console's "bad request" page (400), and
 * nothing changes.
 */
final class ConsoleFormText extends OncePerRequestFilter {

    /** Where a refused form goes: the page saying so, asked for as a GET without the form's fields. */
    static final String REFUSED = "/console/refused";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || !(uri.equals("/console") || uri.startsWith("/console/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (readable(request)) {
            chain.doFilter(request, response);
            return;
        }
        request.getRequestDispatcher(REFUSED).forward(new Refused(request), response);
    }

    static boolean readable(HttpServletRequest request) {
        Map<String, String[]> fields;
        try {
            fields = request.getParameterMap();
        } catch (RuntimeException e) {
            return false;
        }
        for (Map.Entry<String, String[]> field : fields.entrySet()) {
            if (!text(field.getKey())) {
                return false;
            }
            for (String value : field.getValue()) {
                if (!text(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** No control character but CR, LF and tab, no lone surrogate, and no U+FFFD, which the container puts where bytes were no UTF-8. */
    static boolean text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The refused request as a GET without fields. */
    private static final class Refused extends HttpServletRequestWrapper {

        Refused(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
