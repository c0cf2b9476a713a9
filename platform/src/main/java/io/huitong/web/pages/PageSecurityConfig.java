package io.huitong.web.pages;

import io.huitong.web.tls.TlsProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The pages people open in a browser: the hosted checkout ({@code /checkout/**}), the mobile wallet
 * ({@code /wallet/**}), the merchant dashboard ({@code /merchant/**}), the operator console ({@code /console/**}) and
 * their assets. Unlike the API they are protected against cross-site requests: every
 * form and every htmx request carries a CSRF token (double-submit: a cookie and the page's hidden field or
 * header). They run only the platform's own scripts and styles, nothing may frame them, and they keep no
 * server-side session: who a payer is travels in each page's own signed cookie, read by the page's controller.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfig {

    static final String[] PAGES = {"/checkout/**", "/wallet", "/wallet/**", "/merchant", "/merchant/**", "/console",
            "/console/**", "/assets/**", "/webjars/**"};

    /**
     * No inline script or style (htmx's own indicator styles are turned off in the layout), images from the platform
     * or drawn in the page (a QR code or barcode), requests only back to the platform. Forms post only to the platform;
     * a redirect to a merchant's page after paying is a navigation, not a form's target.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pageSecurity(HttpSecurity http, TlsProperties tls) {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName("huitong_csrf");
        tokens.setHeaderName("X-CSRF-TOKEN");
        tokens.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Lax").httpOnly(true));
        http.securityMatcher(PAGES)
                .csrf(csrf -> csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(new GarbledTokensRefused()))
                .exceptionHandling(errors -> errors.accessDeniedHandler(refusedForms()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(tls.hstsMaxAge().toSeconds())
                                .includeSubDomains(tls.hstsIncludeSubdomains())))
                // each page decides who may see it: a checkout by its session, the wallet by the payer's login, the consoles by
        // their user's login and role
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /**
     * A form refused for its CSRF token (mostly a page left open for too long, or its cookie gone): on the wallet and
     * the consoles, their own page saying so (403); elsewhere a bare 403.
     */
    static AccessDeniedHandler refusedForms() {
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> pages = new LinkedHashMap<>();
        for (String area : new String[] {"/wallet", "/merchant", "/console"}) {
            AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
            page.setErrorPage(area + "/denied");
            pages.put(PathPatternRequestMatcher.withDefaults().matcher(area + "/**"), page);
        }
        return new RequestMatcherDelegatingAccessDeniedHandler(pages, new AccessDeniedHandlerImpl());
    }

    /**
     * The masked tokens of the pages (BREACH protection), where a token that does not unmask (bytes that are no UTF-8 once
     * unmasked) is a wrong token, refused with a 403 like any other, instead of an exception that became a 500.
     */
    static final class GarbledTokensRefused implements CsrfTokenRequestHandler {

        private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            masked.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            try {
                return masked.resolveCsrfTokenValue(request, token);
            } catch (IllegalArgumentException garbled) {
                return null;
            }
        }
    }
}
