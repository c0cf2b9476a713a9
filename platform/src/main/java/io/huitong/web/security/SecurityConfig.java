package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import io.huitong.web.error.ErrorResponses;
import io.huitong.web.tls.TlsProperties;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-key security: no sessions, cookies, CSRF tokens, basic or form login. Who may call
 * what is decided here, by path and kind of caller; whose objects a merchant may see is decided by the
 * modules themselves (another merchant's id answers 404).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

    static final String OPERATOR = ApiPrincipal.Kind.OPERATOR.name();
    static final String MERCHANT = ApiPrincipal.Kind.MERCHANT.name();
    static final String USER = ApiPrincipal.Kind.USER.name();
    /** An operator with the admin role, such as the admin key. */
    static final String OPERATOR_ADMIN = OPERATOR + "_" + io.huitong.identity.OperatorRole.ADMIN.name();

    /**
     * Spring Security's own observations are off (application.yml): then its filters are not wrapped in observing
     * decorators either, which cost every request a few objects and calls for nothing. Requests are still observed
     * as a whole ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static final RequestMatcher DOCS = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/docs"),
            PathPatternRequestMatcher.withDefaults().matcher("/docs/**"), PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
    /** Swagger UI's own script and styles (it sets some styles inline), its images and the contract it reads. */
    static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, List<BearerAuthenticator> authenticators, ErrorResponses errors, TlsProperties tls) {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // no sessions at all: the caller's key authenticates each request, and its security context lives as
                // long as the request (so no session management filter, and no filter that stops URLs carrying one).
                // The servlet API's view of the caller stays: the actuator's health details ask isUserInRole
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // the API's reference pages run only their own scripts, and nobody may frame them
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(DOCS,
                                new ContentSecurityPolicyHeaderWriter(DOCS_POLICY)))
                        // browsers come back over HTTPS only, for huitong.tls.hsts-max-age: written on responses to requests that
                        // came over HTTPS (directly, or through a proxy whose X-Forwarded-Proto the server trusts), never on plain HTTP
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(tls.hstsMaxAge().toSeconds())
                                .includeSubDomains(tls.hstsIncludeSubdomains())))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(new ContractAuthenticationEntryPoint(errors))
                        .accessDeniedHandler(new ContractAccessDeniedHandler(errors)))
                .addFilterBefore(new BearerTokenFilter(authenticators, errors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // the error page renders the outcome of a request that was already authorized
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").permitAll()
                        .requestMatchers("/docs", "/docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(OPERATOR_ADMIN)
                        // which operator roles may use each admin endpoint: its @AllowedRoles (AdminRolesInterceptor)
                        .requestMatchers("/v1/admin/**").hasRole(OPERATOR)
                        // operators log in without a token and enrol TOTP with an enrolment token the module checks
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/v1/operator_sessions", "/v1/operator_mfa/totp",
                                "/v1/operator_mfa/totp/confirm").permitAll()
                        .requestMatchers("/v1/operator_sessions/**").hasRole(OPERATOR)
                        // a merchant's own objects
                        .requestMatchers("/v1/payments", "/v1/payments/**", "/v1/refunds", "/v1/refunds/**", "/v1/balance",
                                "/v1/balance_transactions", "/v1/webhook_endpoints", "/v1/webhook_endpoints/**", "/v1/events",
                                "/v1/events/**", "/v1/checkout/**", "/v1/coupons", "/v1/coupons/**", "/v1/insights/**")
                        .hasRole(MERCHANT)
                        // consumers sign up and log in without a token; everything else of theirs needs one
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/v1/users", "/v1/sessions").permitAll()
                        // a login with a passkey alone: its options and the authenticator's answer
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/v1/sessions/passkey/options", "/v1/sessions/passkey")
                        .permitAll()
                        .requestMatchers("/v1/users/**", "/v1/sessions/**", "/v1/wallet", "/v1/wallet/**").hasRole(USER)
                        // QR login: the page creates and polls (with its poll token) without a token; the phone approves
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/v1/login_qr").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/v1/login_qr/*").permitAll()
                        .requestMatchers("/v1/login_qr/**").hasRole(USER)
                        .requestMatchers("/v1/**").authenticated()
                        // everything else is either public (/, /error) or unknown, which answers 404
                        .anyRequest().permitAll());
        return http.build();
    }
}
