package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.web.error.ErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link io.huitong.identity.AllowedRoles} before the handler runs (and before its body is read):
 * an operator without one of the declared roles, or any other kind of caller, gets 403
 * {@code permission_denied}. An endpoint under {@code /v1/admin/} that declares no roles is open to
 * {@code admin} only: forgetting a declaration never opens an endpoint wider.
 */
final class AdminRolesInterceptor implements HandlerInterceptor {

    private record Handler(Class<?> type, java.lang.reflect.Method method) {
    }

    /** What each handler declares, read from its annotations once. */
    private final java.util.Map<Handler, Optional<Set<OperatorRole>>> declarations = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<Set<OperatorRole>> declared = declarations.computeIfAbsent(new Handler(method.getBeanType(), method.getMethod()),
                h -> AdminRoles.declared(method));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (declared.isEmpty() && !path.startsWith(AdminRoles.ADMIN_PATH)) {
            return true;
        }
        Set<OperatorRole> allowed = declared.orElse(Set.of(OperatorRole.ADMIN));
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ApiPrincipal caller)) {
            throw ErrorCodes.forStatus(401);
        }
        if (!caller.hasAnyRole(allowed)) {
            throw new ApiException(403, ErrorType.PERMISSION_ERROR, "permission_denied",
                    "This endpoint is for operators with the role " + names(allowed) + (caller.kind() == ApiPrincipal.Kind.OPERATOR
                            ? "; this operator has " + (caller.roles().isEmpty() ? "none" : names(caller.roles())) + "." : "."), null);
        }
        return true;
    }

    private static String names(Set<OperatorRole> roles) {
        return roles.stream().map(OperatorRole::wireName).collect(Collectors.joining(", "));
    }
}
