/**
 * Operators: the people who run the platform, each with roles ({@link io.huitong.identity.OperatorRole}).
 * An admin creates them ({@code POST /v1/admin/operators}); they log in with email, password (Argon2id)
 * and a TOTP code (RFC 6238), which is never optional: an operator without one enrolled can only enrol.
 * Repeated failures lock the login per account and per client address. An operator's session token
 * ({@code ost_...}) is one more {@link io.huitong.identity.BearerAuthenticator}; the caller it authenticates
 * is an {@link io.huitong.identity.ApiPrincipal} of kind {@code OPERATOR} with the operator's roles.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operators", allowedDependencies = {"kernel", "identity", "vault"})
package io.huitong.operators;
