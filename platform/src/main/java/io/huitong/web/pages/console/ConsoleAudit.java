package io.huitong.web.pages.console;

import io.huitong.audit.AuditScope;
import io.huitong.web.request.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts every change an operator makes on the console on the audit chain, as the API's {@code AuditedRequests} does for
 * {@code /v1/admin/}: a form posted to a page that needs a login is the operator's action ({@code POST
 * /console/risk/reviews/{id}/approve}, its object from the path: {@code reviews rcase_...}), with the operator as the actor,
 * the client's address, the request id and the form's fields (secrets redacted, the CSRF token left out). The record is
 * written by the first transaction that commits during the request, in that transaction, with what the services note of the
 * change (the state before, after); a change that committed nothing of its own but succeeded gets a transaction of its own.
 * Logins, enrolments and logouts are recorded by the access trail instead.
 */
final class ConsoleAudit implements HandlerInterceptor {

    private static final String OPENED = ConsoleAudit.class.getName() + ".opened";
    private static final String SCOPE = ConsoleAudit.class.getName() + ".scope";
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "otp", "totp", "cvc", "cvv", "pin", "key",
            "card", "number", "credential", "signature", "code");
    private static final String REDACTED = "[redacted]";

    private final ConsoleAccess access;
    private final ConsoleSessions sessions;
    private final TransactionTemplate tx;

    ConsoleAudit(ConsoleAccess access, ConsoleSessions sessions, TransactionTemplate tx) {
        this.access = access;
        this.sessions = sessions;
        this.tx = tx;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod()) || !(handler instanceof HandlerMethod method)
                || method.getMethodAnnotation(AccessTrailed.class) != null) {
            return true;
        }
        ConsoleAccess.Rule rule = access.rule(method.getMethod());
        if (rule == null || !rule.login()) {
            return true;
        }
        Staff staff = sessions.staff(request).orElse(null);
        if (staff == null) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String template = pattern == null ? request.getRequestURI() : pattern.toString();
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String objectType = null;
        String objectId = null;
        String[] segments = template.split("/");
        for (int i = segments.length - 1; i > 0 && objectId == null; i--) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}") && variables != null) {
                String name = segment.substring(1, segment.length() - 1);
                objectId = variables.get(name);
                objectType = i > 1 && !segments[i - 1].startsWith("{") ? segments[i - 1] : name;
            }
        }
        AuditScope scope = new AuditScope(staff.id(), "POST " + template, objectType, objectId, request.getRemoteAddr(),
                MDC.get(RequestIds.MDC_KEY), form(request));
        request.setAttribute(SCOPE, scope);
        request.setAttribute(OPENED, scope.open());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(OPENED) instanceof AuditScope.Opened opened) || !(request.getAttribute(SCOPE) instanceof AuditScope scope)) {
            return;
        }
        request.removeAttribute(OPENED);
        try {
            if (!scope.recorded() && ex == null && response.getStatus() < 400) {
                // it changed something without a transaction of its own (or only read-only ones): record it now
                tx.executeWithoutResult(s -> AuditScope.note("status", response.getStatus()));
            }
        } finally {
            opened.close();
        }
        AuditScope followUp = scope.followUp();
        if (followUp != null) {
            try (AuditScope.Opened next = followUp.open()) {
                tx.executeWithoutResult(s -> AuditScope.note("status", response.getStatus()));
            }
        }
    }

    /** The form's fields, secrets redacted, without the CSRF token; one value as text, several as a list. */
    private static Map<String, Object> form(HttpServletRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("via", "console");
        request.getParameterMap().forEach((name, values) -> {
            if (name.equals("_csrf")) {
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
                fields.put(name, REDACTED);
            } else {
                fields.put(name, values.length == 1 ? values[0] : List.of(values));
            }
        });
        return fields;
    }
}
