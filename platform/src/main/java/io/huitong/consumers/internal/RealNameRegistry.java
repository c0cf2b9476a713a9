package io.huitong.consumers.internal;

import io.huitong.consumers.RealName;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.vault.Vault;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consumers' verified identities: the name and resident ID number the first verification channel established. Both are
 * sealed by the vault, each bound to the consumer and the field, and shown only masked. One resident ID verifies one
 * account: the ID number's keyed fingerprint ({@link Vault#fingerprint}) is unique, so a second account with it is a 409
 * {@code id_number_taken}, and nothing reversible of the number is stored.
 */
final class RealNameRegistry {

    private static final Logger log = LoggerFactory.getLogger(RealNameRegistry.class);

    private final JdbcClient jdbc;
    private final Vault vault;

    RealNameRegistry(JdbcClient jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** A consumer's verified identity, opened: never to be logged or shown unmasked. */
    record Identity(String name, String idNumber, Instant verifiedAt) {

        boolean is(RealName other) {
            return name.equals(other.name()) && idNumber.equals(other.idNumber());
        }

        @Override
        public String toString() {
            return "Identity[" + verifiedAt + "]";
        }
    }

    /**
     * Whether this identity is the consumer's already: true if it is, false if the consumer has none and no other account
     * is verified with the ID number; a 409 {@code already_verified} if the consumer's is another, {@code id_number_taken}
     * if another account's is this one.
     */
    boolean sameOrFree(String userId, RealName identity) {
        Optional<Identity> stored = identity(userId);
        if (stored.isPresent()) {
            if (!stored.get().is(identity)) {
                throw alreadyVerified();
            }
            return true;
        }
        if (jdbc.sql("select count(*) from consumer_verification where id_number_fingerprint = ?").params(fingerprint(identity.idNumber()))
                .query(Long.class).single() > 0) {
            throw idNumberTaken();
        }
        return false;
    }

    /** Stores the consumer's identity, in the caller's transaction; a {@link DuplicateKeyException} if one raced it. */
    void store(String userId, RealName identity, Instant now) {
        jdbc.sql("insert into consumer_verification (user_id, name, id_number, id_number_fingerprint, verified_at) values (?, ?, ?, ?, ?)")
                .params(userId, vault.seal(identity.name(), context(userId, "name")),
                        vault.seal(identity.idNumber(), context(userId, "id_number")), fingerprint(identity.idNumber()), DbTimes.at(now))
                .update();
    }

    Optional<Identity> identity(String userId) {
        return jdbc.sql("select name, id_number, verified_at from consumer_verification where user_id = ?").params(userId)
                .query((rs, i) -> new Identity(vault.open(rs.getString(1), context(userId, "name")),
                        vault.open(rs.getString(2), context(userId, "id_number")), DbTimes.instant(rs, 3)))
                .optional();
    }

    /**
     * Fingerprints the ID numbers of verifications stored before fingerprints were kept; answers how many. Two accounts
     * verified with one ID keep the later one's empty and are logged, for operators to resolve.
     */
    int fingerprintEarlier() {
        List<String> users = jdbc.sql("select user_id from consumer_verification where id_number_fingerprint is null").query(String.class)
                .list();
        int done = 0;
        for (String userId : users) {
            String sealed = jdbc.sql("select id_number from consumer_verification where user_id = ?").params(userId).query(String.class)
                    .single();
            String fingerprint = fingerprint(vault.open(sealed, context(userId, "id_number")));
            try {
                done += jdbc.sql("update consumer_verification set id_number_fingerprint = ? where user_id = ? and id_number_fingerprint is null")
                        .params(fingerprint, userId).update();
            } catch (DuplicateKeyException shared) {
                log.warn("Consumer {} was verified with a resident ID another account was verified with first; it is left without"
                        + " a fingerprint for an operator to resolve", userId);
            }
        }
        return done;
    }

    private String fingerprint(String idNumber) {
        return vault.fingerprint("consumer_verification:id_number", idNumber.toUpperCase(Locale.ROOT));
    }

    static ApiException idNumberTaken() {
        return ApiException.conflict("id_number_taken", "Another account is verified with this ID number: one resident ID verifies"
                + " one account.");
    }

    private static ApiException alreadyVerified() {
        return ApiException.conflict("already_verified", "This account is verified with another identity.");
    }

    private static String context(String userId, String field) {
        return "consumer_verification:" + userId + ":" + field;
    }
}
