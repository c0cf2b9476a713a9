package io.huitong.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored hash of the generated operator key (one row). */
final class OperatorKeyStore {

    private static final String PRIMARY = "primary";

    private final JdbcClient jdbc;
    private final Clock clock;

    OperatorKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> storedHash() {
        return jdbc.sql("SELECT key_hash FROM operator_key WHERE id = ?")
                .param(PRIMARY)
                .query(String.class)
                .optional();
    }

    /** False when another instance stored its key first; the caller then uses that one. */
    boolean store(String keyHashHex) {
        try {
            jdbc.sql("INSERT INTO operator_key (id, key_hash, created_at) VALUES (?, ?, ?)")
                    .params(PRIMARY, keyHashHex, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
