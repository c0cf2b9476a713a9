package io.huitong.web.security;

import io.huitong.identity.OperatorRole;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;

/**
 * The roles an admin endpoint lets through, as {@link AdminRolesInterceptor} enforces them: its {@link io.huitong.identity.AllowedRoles}
 * (on the method, else on its controller), or {@code admin} alone when it declares none. For pages that do what an admin endpoint
 * does (the operator console), so that the page and the API cannot disagree on who may.
 */
public final class AdminRoleDeclarations {

    private AdminRoleDeclarations() {
    }

    /** The roles allowed on an admin endpoint's handler; {@code admin} holds every right besides these. */
    public static Set<OperatorRole> allowed(HandlerMethod adminHandler) {
        return AdminRoles.declared(adminHandler).orElse(Set.of(OperatorRole.ADMIN));
    }
}
