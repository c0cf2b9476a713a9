package io.huitong.web.pages;

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
 * The pages' forms hold text only: a field whose encoding is broken (a bare {@code %}, bytes that are no UTF-8), that
 * holds a NUL character or half of a surrogate pair (and, where an area asks for it, any other control character but a
 * line break or tab) is refused before anything reads it, Spring Security's CSRF check included. The person sees their
 * area's "bad request" page (400) instead of a failure of the server. One filter per area of pages: the wallet, the
 * merchant dashboard, the operator console.
 */
public final class PageFormText extends OncePerRequestFilter {

    /** Where a refused form goes: the page saying so, asked for as a GET without the form's fields. */

    private final String area;
    private final String refused;
    private final boolean controlCharacters;

    /**
     * The forms posted to {@code area} ({@code /wallet}) and below it, a refused one shown by the page at {@code refused};
     * {@code controlCharacters}: refuse every control character but CR, LF and tab too, not only NUL.
     */
    public PageFormText(String area, String refused, boolean controlCharacters) {
        this.area = area;
        this.refused = refused;
        this.controlCharacters = controlCharacters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || !(uri.equals(area) || uri.startsWith(area + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (readable(request)) {
            chain.doFilter(request, response);
            return;
        }
        request.getRequestDispatcher(refused).forward(new Refused(request), response);
    }

    /** Whether the servlet container reads the form's fields, and each of them is text. */
    private boolean readable(HttpServletRequest request) {
        Map<String, String[]> fields;
        try {
            fields = request.getParameterMap();
        } catch (RuntimeException e) {
            return false;
        }
        for (Map.Entry<String, String[]> field : fields.entrySet()) {
            if (!text(field.getKey(), controlCharacters)) {
                return false;
            }
            for (String value : field.getValue()) {
                if (!text(value, controlCharacters)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** No NUL, no lone surrogate, and no U+FFFD, which the container puts where bytes were no UTF-8. */
    public static boolean text(String s) {
        return text(s, false);
    }

    /** As {@link #text(String)}; with {@code controlCharacters}, no control character but CR, LF and tab either. */
    static boolean text(String s, boolean controlCharacters) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\uFFFD' || controlCharacters && Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
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

    /** The refused request as a GET without fields, for the page that says it was refused. */
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
