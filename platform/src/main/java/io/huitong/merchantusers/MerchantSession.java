package io.huitong.merchantusers;

import java.time.Instant;

/**
 * A merchant user's new session: its token (for the dashboard's cookie, shown once, kept only as a hash), when it ends
 * at the latest, and whose it is. {@link #toString()} hides the token.
 */
public record MerchantSession(String token, Instant expiresAt, MerchantUser user) {

    @Override
    public String toString() {
        return "MerchantSession[" + user.id() + ", expires " + expiresAt + "]";
    }
}
