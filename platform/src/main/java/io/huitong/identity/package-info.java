/**
 * Identity: who is calling. Operators (the admin key) today; merchants' secret keys and consumers'
 * session tokens join here as further {@link io.huitong.identity.BearerAuthenticator}s.
 *
 * <p>Other modules use {@link ApiPrincipal} (the authenticated caller), {@link BearerAuthenticator}
 * and {@link OperatorKeys}; {@link OperatorRole} and {@link AllowedRoles} say which operators may use which
 * admin endpoint; {@link LoginGuard} locks a login after repeated failures. Secrets are stored only as hashes and compared in constant time.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = {"kernel"})
package io.huitong.identity;
