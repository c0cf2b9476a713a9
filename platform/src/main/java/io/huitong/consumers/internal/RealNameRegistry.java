package io.huitong.consumers.internal;

import io.huitong.consumers.IdentityCheck;
import io.huitong.consumers.RealName;
import io.huitong.consumers.Verification;
import io.huitong.consumers.Verifications;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consumers' real-name verifications. Name and ID number are sealed by the vault, each bound to the
 * consumer and the field, and shown only masked. One resident ID verifies one account: the ID number's keyed
 * fingerprint ({@link Vault#fingerprint}) is unique, so a second account with it is a 409 {@code id_number_taken},
 * and nothing reversible of the number is stored. What is checked is what can be checked here (the
 * {@link RealName} rules, a date of birth not in the future) plus the {@link IdentityCheck}, if the
 * deployment has one: no public-security identity service is reachable from this code.
 */
final class RealNameRegistry implements Verifications {

    private static final Logger log = LoggerFactory.getLogger(RealNameRegistry.class);

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final IdentityCheck check;

    RealNameRegistry(JdbcClient jdbc, Vault vault, Clock clock, IdentityCheck check) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.check = check;
    }

    @Override
    public Verification verify(String userId, RealName identity) {
        Instant now = DbTimes.now(clock);
        if (identity.birthDate().isAfter(LocalDate.ofInstant(now, CHINA))) {
            throw ApiException.invalid("id_number", "id_number has a date of birth in the future");
        }
        Optional<Verification> existing = same(userId, identity);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (check != null && !check.matches(identity)) {
            throw new ApiException(400, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR, "verification_failed",
                    "The name and the ID number do not belong together.", null);
        }
        String fingerprint = fingerprint(identity.idNumber());
        if (jdbc.sql("select count(*) from consumer_verification where id_number_fingerprint = ?").params(fingerprint)
                .query(Long.class).single() > 0) {
            throw idNumberTaken();
        }
        try {
            jdbc.sql("insert into consumer_verification (user_id, name, id_number, id_number_fingerprint, verified_at)"
                            + " values (?, ?, ?, ?, ?)")
                    .params(userId, vault.seal(identity.name(), context(userId, "name")),
                            vault.seal(identity.idNumber(), context(userId, "id_number")), fingerprint, DbTimes.at(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // this account verified meanwhile, or another one with the same ID number
            return same(userId, identity).orElseThrow(RealNameRegistry::idNumberTaken);
        }
        return Verification.of(RealName.maskName(identity.name()), RealName.maskIdNumber(identity.idNumber()), now);
    }

    @Override
    public Verification verification(String userId) {
        return stored(userId).map(s -> Verification.of(RealName.maskName(s.name()), RealName.maskIdNumber(s.idNumber()), s.verifiedAt()))
                .orElseGet(Verification::none);
    }

    /** The stored verification if it is of this identity; a 409 if it is of another; empty if there is none. */
    private Optional<Verification> same(String userId, RealName identity) {
        Optional<Stored> stored = stored(userId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().name().equals(identity.name()) || !stored.get().idNumber().equals(identity.idNumber())) {
            throw alreadyVerified();
        }
        return Optional.of(Verification.of(RealName.maskName(identity.name()), RealName.maskIdNumber(identity.idNumber()),
                stored.get().verifiedAt()));
    }

    private Optional<Stored> stored(String userId) {
        return jdbc.sql("select name, id_number, verified_at from consumer_verification where user_id = ?").params(userId)
                .query((rs, i) -> new Stored(vault.open(rs.getString(1), context(userId, "name")),
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
        return vault.fingerprint("consumer_verification:id_number", idNumber.toUpperCase(java.util.Locale.ROOT));
    }

    private static ApiException idNumberTaken() {
        return ApiException.conflict("id_number_taken", "Another account is verified with this ID number: one resident ID verifies"
                + " one account.");
    }

    private static ApiException alreadyVerified() {
        return ApiException.conflict("already_verified", "This account is verified with another identity.");
    }

    private static String context(String userId, String field) {
        return "consumer_verification:" + userId + ":" + field;
    }

    private record Stored(String name, String idNumber, Instant verifiedAt) {

        @Override
        public String toString() {
            return "Stored[" + verifiedAt + "]";
        }
    }
}
