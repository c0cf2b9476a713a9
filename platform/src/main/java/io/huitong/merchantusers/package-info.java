/**
 * Merchant users: the people of a merchant's own staff who use its dashboard ({@code /merchant}), each with one role
 * ({@link io.huitong.merchantusers.MerchantRole}: owner, developer, finance, support) that decides what they may open
 * ({@link io.huitong.merchantusers.Permission}). An operator invites a merchant's first owner, an owner the rest of the
 * team; an invitation is a one-time link (only the SHA-256 of its 256-bit token is kept). Accepting it sets a password
 * (the staff password rules and Argon2id hashes of {@link io.huitong.identity.StaffPasswords}) and enrols TOTP
 * ({@link io.huitong.identity.Totp}, the secret sealed by the vault); a login then takes email, password and a
 * one-time code, guarded against guessing per account and per client address ({@link io.huitong.identity.LoginGuard}).
 * Sessions end after a while without use and at an absolute limit, at logout, when the user is disabled, and while
 * their merchant is not active.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Merchant users", allowedDependencies = {"kernel", "identity", "vault"})
package io.huitong.merchantusers;
