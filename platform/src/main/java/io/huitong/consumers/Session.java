package io.huitong.consumers;

import java.time.Instant;

/** A consumer's new session: the bearer token (shown once, stored only as a hash) and when it expires. */
public record Session(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "Session[expires " + expiresAt + "]";
    }
}
