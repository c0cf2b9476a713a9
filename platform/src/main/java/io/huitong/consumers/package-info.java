/**
 * Consumers: people who pay from a Huitong wallet. Sign-up with phone and password (Argon2id, a policy
 * against short and common passwords), login with a lockout after repeated failures, sessions that expire
 * and can be revoked; a second factor (TOTP and one-time recovery codes), QR login from a logged-in phone, and
 * verification through independent channels (public security, a bank card's four elements, the phone operator, social
 * insurance, ...; face to face by an operator) with the name and ID number sealed by the vault. A consumer's session token is one more {@link io.huitong.identity.BearerAuthenticator}:
 * the caller it authenticates is an {@link io.huitong.identity.ApiPrincipal} of kind {@code USER}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consumers", allowedDependencies = {"kernel", "identity", "vault"})
package io.huitong.consumers;
