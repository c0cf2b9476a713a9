package io.huitong.web.audit;

import io.huitong.audit.AuditScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Names a recorded request's action by its handler's path template ({@code PUT /v1/admin/merchants/{id}/bank_account})
 * and its object by the template's last variable and the word before it ({@code merchants mer_...}; {@code calendar
 * 2031}), so that neither depends on how an id or a path segment happens to look.
 */
final class AuditedHandlers implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        AuditScope scope = AuditScope.current();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (scope == null || pattern == null) {
            return true;
        }
        String template = pattern.toString();
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
        scope.describe(request.getMethod() + " " + template, objectType, objectId);
        return true;
    }
}
