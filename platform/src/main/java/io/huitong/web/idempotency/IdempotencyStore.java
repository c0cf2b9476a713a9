package io.huitong.web.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Idempotency keys in the database, so that every instance sharing it agrees. Each statement runs in its
 * own auto-committed transaction: the claim must be visible to other instances before the request runs.
 */
class IdempotencyStore {

    private static final String IN_FLIGHT = "in_flight";
    private static final String COMPLETED = "completed";
    /** A row can vanish between our failed insert and our read (its request failed); then we simply try again. */
    private static final int ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;

    IdempotencyStore(JdbcClient jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    Claim claim(String scope, String key, RequestFingerprint.Presented request) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Claim.Ticket ticket = new Claim.Ticket(scope, key, UUID.randomUUID().toString());
            if (insert(ticket, request.value(), now)) {
                return new Claim.Run(ticket);
            }
            Optional<Row> row = find(scope, key);
            if (row.isEmpty()) {
                continue;
            }
            if (!request.sameAs(row.get().fingerprintVersion(), row.get().fingerprint())) {
                return new Claim.Reused();
            }
            if (row.get().response() != null) {
                return new Claim.Replay(row.get().response());
            }
            if (!row.get().leaseUntil().isBefore(now)) {
                return new Claim.InUse();
            }
            if (takeOver(ticket, row.get(), request.value(), now)) {
                return new Claim.Run(ticket);
            }
            // another instance took over (or finished) first: look again
        }
        return new Claim.InUse();
    }

    /** False when the key was taken over meanwhile: the new owner's outcome stands. */
    boolean complete(Claim.Ticket ticket, StoredResponse response) {
        return jdbc.sql("""
                        UPDATE idempotency_key
                           SET state = ?, response_status = ?, response_content_type = ?, response_location = ?,
                               response_body = ?, completed_at = ?
                         WHERE scope = ? AND idem_key = ? AND owner_token = ? AND state = ?""")
                .params(COMPLETED, response.status(), response.contentType(), response.location(), response.body(),
                        utc(clock.instant()), ticket.scope(), ticket.key(), ticket.owner(), IN_FLIGHT)
                .update() == 1;
    }

    /** Forgets the key so that a retry runs the request again (the first attempt failed on our side). */
    void release(Claim.Ticket ticket) {
        jdbc.sql("DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ? AND owner_token = ? AND state = ?")
                .params(ticket.scope(), ticket.key(), ticket.owner(), IN_FLIGHT)
                .update();
    }

    /** Extends the lease of a request that is still running, so nobody mistakes it for dead. */
    boolean renew(Claim.Ticket ticket) {
        return jdbc.sql("UPDATE idempotency_key SET lease_until = ? WHERE scope = ? AND idem_key = ? AND owner_token = ? AND state = ?")
                .params(utc(clock.instant().plus(properties.lease())), ticket.scope(), ticket.key(), ticket.owner(), IN_FLIGHT)
                .update() == 1;
    }

    int purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?").param(utc(cutoff)).update();
    }

    /**
     * Erases the unkeyed fingerprints of keys created since {@code createdSince} (all keys when null):
     * those an instance of a release before V17 wrote after the migration had erased the others. The key
     * and its stored answer stay; see {@link RequestFingerprint.Presented#sameAs} for what a retry gets.
     */
    int eraseUnkeyedFingerprints(Instant createdSince) {
        String sql = "UPDATE idempotency_key SET fingerprint = ?, fingerprint_version = ? WHERE fingerprint_version = ?";
        if (createdSince == null) {
            return jdbc.sql(sql).params(RequestFingerprint.ERASED_MARK, RequestFingerprint.ERASED, RequestFingerprint.UNKEYED).update();
        }
        return jdbc.sql(sql + " AND created_at >= ?")
                .params(RequestFingerprint.ERASED_MARK, RequestFingerprint.ERASED, RequestFingerprint.UNKEYED, utc(createdSince))
                .update();
    }

    private boolean insert(Claim.Ticket ticket, String fingerprint, Instant now) {
        try {
            jdbc.sql("""
                            INSERT INTO idempotency_key (scope, idem_key, fingerprint, fingerprint_version, state, owner_token,
                                                         lease_until, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(ticket.scope(), ticket.key(), fingerprint, RequestFingerprint.KEYED, IN_FLIGHT, ticket.owner(),
                            utc(now.plus(properties.lease())), utc(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * The conditional update is the arbiter: of several instances finding an expired lease, exactly one
     * matches. The key gets the new owner's fingerprint, so one of an earlier format is replaced.
     */
    private boolean takeOver(Claim.Ticket ticket, Row found, String fingerprint, Instant now) {
        return jdbc.sql("""
                        UPDATE idempotency_key SET owner_token = ?, lease_until = ?, fingerprint = ?, fingerprint_version = ?
                         WHERE scope = ? AND idem_key = ? AND fingerprint = ? AND fingerprint_version = ? AND state = ?
                           AND lease_until < ?""")
                .params(ticket.owner(), utc(now.plus(properties.lease())), fingerprint, RequestFingerprint.KEYED,
                        ticket.scope(), ticket.key(), found.fingerprint(), found.fingerprintVersion(), IN_FLIGHT, utc(now))
                .update() == 1;
    }

    private Optional<Row> find(String scope, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, fingerprint_version, state, lease_until, response_status, response_content_type,
                               response_location, response_body
                          FROM idempotency_key WHERE scope = ? AND idem_key = ?""")
                .params(scope, key)
                .query((rs, n) -> new Row(
                        rs.getString("fingerprint"),
                        rs.getInt("fingerprint_version"),
                        rs.getObject("lease_until", OffsetDateTime.class).toInstant(),
                        COMPLETED.equals(rs.getString("state"))
                                ? new StoredResponse(rs.getInt("response_status"), rs.getString("response_content_type"),
                                        rs.getString("response_location"), rs.getBytes("response_body"))
                                : null))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Row(String fingerprint, int fingerprintVersion, Instant leaseUntil, StoredResponse response) {
    }
}
