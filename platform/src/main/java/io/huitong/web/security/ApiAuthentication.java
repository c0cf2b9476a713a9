package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API caller. The presented key is not kept: credentials are always null. */
final class ApiAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    ApiAuthentication(ApiPrincipal principal) {
        super(authorities(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    /** {@code ROLE_OPERATOR} and, for an operator, one {@code ROLE_OPERATOR_<ROLE>} per role ({@code ROLE_OPERATOR_ADMIN}). */
    private static List<GrantedAuthority> authorities(ApiPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(principal.role()));
        principal.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(principal.role() + "_" + r.name())));
        return authorities;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.scope();
    }
}
