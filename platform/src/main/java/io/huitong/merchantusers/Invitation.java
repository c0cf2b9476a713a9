package io.huitong.merchantusers;

import java.time.Instant;

/**
 * An invitation at the one moment its token exists in plain text: when it is issued. Shown once (as a link), kept only
 * as the token's SHA-256. {@link #toString()} hides the token.
 */
public record Invitation(MerchantUser user, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "Invitation[" + user.id() + ", expires " + expiresAt + "]";
    }
}
