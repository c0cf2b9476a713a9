package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who the current request authenticated as, for filters and resolvers that run after Spring Security's chain. */
public final class Callers {

    private Callers() {
    }

    /** The caller of the current request, or null when it presented no valid credential. */
    public static ApiPrincipal current() {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiPrincipal principal ? principal : null;
    }
}
