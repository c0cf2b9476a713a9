package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API caller. The presented key is not kept: credentials are always null. */
final class ApiAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    ApiAuthentication(ApiPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.role())));
        this.principal = principal;
        setAuthenticated(true);
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
