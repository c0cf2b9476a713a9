package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.huitong.kernel.ApiException;
import io.huitong.web.error.ErrorResponses;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <credential>} with the first {@link BearerAuthenticator} that
 * recognises it. A wrong credential does not answer 401 here: public endpoints stay reachable, and
 * protected ones answer 401 through the entry point, which tells "missing" from "wrong" by
 * {@link #REJECTED}. A credential that is right but refused for what it belongs to (a frozen merchant's key) is answered
 * here, with the authenticator's refusal.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String REJECTED = BearerTokenFilter.class.getName() + ".rejected";
    private static final String SCHEME = "bearer ";

    private final List<BearerAuthenticator> authenticators;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final ErrorResponses errors;

    BearerTokenFilter(List<BearerAuthenticator> authenticators, ErrorResponses errors) {
        this.authenticators = List.copyOf(authenticators);
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null) {
            Optional<ApiPrincipal> principal;
            try {
                principal = credential(header).flatMap(this::authenticate);
            } catch (ApiException refused) {
                errors.write(request, response, refused);
                return;
            }
            if (principal.isPresent()) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new ApiAuthentication(principal.get()));
                contexts.setContext(context);
            } else {
                request.setAttribute(REJECTED, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> credential(String header) {
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String credential = header.substring(SCHEME.length()).strip();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }

    private Optional<ApiPrincipal> authenticate(String credential) {
        for (BearerAuthenticator authenticator : authenticators) {
            Optional<ApiPrincipal> principal = authenticator.authenticate(credential);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }
}
