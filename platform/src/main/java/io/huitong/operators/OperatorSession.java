package io.huitong.operators;

import java.time.Instant;

/** An operator's new session: the bearer token (shown once, stored only as a hash), when it expires, and whose it is. */
public record OperatorSession(String token, Instant expiresAt, Operator operator) {

    @Override
    public String toString() {
        return "OperatorSession[" + operator.id() + ", expires " + expiresAt + "]";
    }
}
