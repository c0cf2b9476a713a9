package io.huitong.identity;

import java.util.Optional;

/**
 * Recognises one kind of bearer credential ({@code Authorization: Bearer <credential>}). The web layer asks
 * every authenticator bean in turn; the first that answers a principal wins, and when none does the
 * request is unauthenticated (401 where authentication is required).
 *
 * <p>To add a kind of caller (merchant secret keys, consumer sessions), implement this as a bean in this
 * module. Implementations must compare secrets in constant time, answer empty for credentials that are
 * not theirs, and never log or echo the credential.
 */
public interface BearerAuthenticator {

    Optional<ApiPrincipal> authenticate(String credential);
}
