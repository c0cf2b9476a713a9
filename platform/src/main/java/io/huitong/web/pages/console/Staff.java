package io.huitong.web.pages.console;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator a console page is for: the one behind the session cookie (the same session {@code POST /v1/operator_sessions}
 * opens), with their roles as the session's authenticator read them. A handler asks for one by declaring a parameter of this
 * type. {@link #toString()} hides the token.
 */
public record Staff(String id, String name, String email, Set<OperatorRole> roles, String token) {

    public Staff {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** The operator as the API's services know a caller, to decide and request approvals in their name. */
    public ApiPrincipal principal() {
        return ApiPrincipal.operator(id, roles);
    }

    /** Whether the operator holds one of {@code allowed}, or admin, which holds every right (as {@link ApiPrincipal#hasAnyRole}). */
    public boolean hasAnyRole(Collection<OperatorRole> allowed) {
        return principal().hasAnyRole(allowed);
    }

    /** {@code finance, auditor}. */
    public String roleNames() {
        return roles.stream().map(OperatorRole::wireName).sorted().collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "Staff[" + id + " " + roleNames() + "]";
    }
}
