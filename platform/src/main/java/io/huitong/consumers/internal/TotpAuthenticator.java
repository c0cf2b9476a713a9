package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.huitong.consumers.Phones;
import io.huitong.consumers.Totp;
import io.huitong.consumers.TotpConfirmation;
import io.huitong.consumers.TwoFactor;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.vault.Vault;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * TOTP (RFC 6238) second factor: a 160-bit secret per consumer, sealed by the vault under the consumer's
 * id; 30-second steps, 6 digits, HMAC-SHA1 (what every authenticator app reads), a code of the step
 * before or after the current one accepted for clock drift. The step of the last code accepted is kept:
 * a code of that step or an earlier one is refused, so a code works once. Ten recovery codes of 80 random
 * bits each, stored as SHA-256 of a per-code salt and the code, each good for one login.
 */
final class TotpAuthenticator implements TwoFactor, SecondFactor {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "Huitong";
    private static final String RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Vault vault;
    private final Clock clock;
    private final Ids ids;
    private final LoginGuard guard;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);
    private final SecureRandom random = new SecureRandom();

    TotpAuthenticator(JdbcClient jdbc, TransactionTemplate tx, Vault vault, Clock clock, Ids ids, LoginGuard guard) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.vault = vault;
        this.clock = clock;
        this.ids = ids;
        this.guard = guard;
    }

    @Override
    public Totp startTotp(String userId) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = Base32.encode(secret);
        Instant now = now();
        try {
            tx.executeWithoutResult(s -> {
                if (row(userId).filter(r -> Totp.ENABLED.equals(r.status())).isPresent()) {
                    throw alreadyEnabled();
                }
                jdbc.sql("delete from consumer_totp where user_id = ? and status = ?").params(userId, Totp.PENDING).update();
                jdbc.sql("insert into consumer_totp (user_id, secret, status, created_at) values (?, ?, ?, ?)")
                        .params(userId, vault.seal(base32, context(userId)), Totp.PENDING, DbTimes.at(now)).update();
            });
        } catch (DuplicateKeyException raced) {
            throw ApiException.conflict("totp_setup_in_progress", "Another setup of the authenticator started at the same time; try again.");
        }
        return new Totp(Totp.PENDING, base32, otpauthUri(userId, base32), null);
    }

    @Override
    public Totp totp(String userId) {
        Optional<Row> row = row(userId);
        if (row.isEmpty()) {
            return new Totp(Totp.NONE, null, null, null);
        }
        if (Totp.ENABLED.equals(row.get().status())) {
            return new Totp(Totp.ENABLED, null, null, row.get().enabledAt());
        }
        String base32 = vault.open(row.get().sealedSecret(), context(userId));
        return new Totp(Totp.PENDING, base32, otpauthUri(userId, base32), null);
    }

    @Override
    public TotpConfirmation confirmTotp(String userId, String code) {
        if (code == null) {
            throw ApiException.missing("code");
        }
        Row row = row(userId).orElseThrow(() -> ApiException.conflict("totp_not_started",
                "Set up the authenticator first (POST /v1/users/me/mfa/totp)."));
        if (Totp.ENABLED.equals(row.status())) {
            throw alreadyEnabled();
        }
        Instant now = now();
        guardCodes(userId, now);
        OptionalLong matched = matchingStep(vault.open(row.sealedSecret(), context(userId)), code.strip(), now);
        if (matched.isEmpty()) {
            throw wrongCode(userId, now);
        }
        long step = matched.getAsLong();
        List<String> codes = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            int updated = jdbc.sql("update consumer_totp set status = ?, enabled_at = ?, last_step = ? where user_id = ? and status = ? "
                            + "and secret = ?")
                    .params(Totp.ENABLED, DbTimes.at(now), step, userId, Totp.PENDING, row.sealedSecret()).update();
            if (updated != 1) {
                throw ApiException.conflict("totp_setup_changed", "The authenticator's setup changed meanwhile; set it up again.");
            }
            jdbc.sql("delete from consumer_recovery_code where user_id = ?").params(userId).update();
            for (int i = 0; i < RECOVERY_CODES; i++) {
                String recovery = newRecoveryCode();
                String salt = HexFormat.of().formatHex(randomBytes(16));
                jdbc.sql("insert into consumer_recovery_code (id, user_id, salt, code_hash, created_at) values (?, ?, ?, ?, ?)")
                        .params(ids.next("rcc"), userId, salt, hash(salt, normalizeRecovery(recovery)), DbTimes.at(now)).update();
                codes.add(recovery);
            }
        });
        guard.succeeded(guardKey(userId));
        return new TotpConfirmation(true, codes);
    }

    @Override
    public Totp disableTotp(String userId, String code) {
        if (code == null) {
            throw ApiException.missing("code");
        }
        if (!required(userId)) {
            throw ApiException.conflict("totp_not_enabled", "Two-factor login is not on.");
        }
        Instant now = now();
        guardCodes(userId, now);
        if (!accepts(userId, code, now)) {
            throw wrongCode(userId, now);
        }
        guard.succeeded(guardKey(userId));
        tx.executeWithoutResult(s -> {
            jdbc.sql("delete from consumer_recovery_code where user_id = ?").params(userId).update();
            jdbc.sql("delete from consumer_totp where user_id = ?").params(userId).update();
        });
        return new Totp(Totp.NONE, null, null, null);
    }

    @Override
    public boolean enabled(String userId) {
        return required(userId);
    }

    @Override
    public void prove(String userId, String code, String param) {
        if (code == null) {
            throw ApiException.missing(param);
        }
        Instant now = now();
        guardCodes(userId, now);
        if (!accepts(userId, code, now)) {
            throw guard.lockedUntil(guardKey(userId), now).map(TotpAuthenticator::codesLocked).orElseGet(() -> otpInvalid(400, param));
        }
        guard.succeeded(guardKey(userId));
    }

    @Override
    public boolean required(String userId) {
        return row(userId).filter(r -> Totp.ENABLED.equals(r.status())).isPresent();
    }

    @Override
    public boolean accepts(String userId, String otp, Instant now) {
        Optional<Row> row = row(userId).filter(r -> Totp.ENABLED.equals(r.status()));
        if (row.isEmpty() || otp == null) {
            return false;
        }
        String code = otp.strip();
        if (CODE.matcher(code).matches()) {
            OptionalLong step = matchingStep(vault.open(row.get().sealedSecret(), context(userId)), code, now);
            // the step moves forward only: a code of the last step accepted, or of an earlier one, is a replay
            return step.isPresent() && jdbc.sql("update consumer_totp set last_step = ? where user_id = ? and status = ? "
                            + "and (last_step is null or last_step < ?)")
                    .params(step.getAsLong(), userId, Totp.ENABLED, step.getAsLong()).update() == 1;
        }
        return spendRecoveryCode(userId, normalizeRecovery(code), now);
    }

    /** The step (of the current one and its neighbours) whose code this is. */
    OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (!CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(Base32.decode(base32Secret), generator.getAlgorithm());
        long current = now.getEpochSecond() / STEP.getSeconds();
        OptionalLong found = OptionalLong.empty();
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = codeAt(key, step);
            // compare every candidate, in constant time, whatever matched before
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))
                    && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }

    private String codeAt(SecretKeySpec key, long step) {
        try {
            return String.format(Locale.ROOT, "%0" + DIGITS + "d",
                    generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.getSeconds())));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the TOTP key is unusable", e);
        }
    }

    private boolean spendRecoveryCode(String userId, String normalized, Instant now) {
        if (normalized.length() != 16) {
            return false;
        }
        List<Recovery> unused = jdbc.sql("select id, salt, code_hash from consumer_recovery_code where user_id = ? and used_at is null")
                .params(userId).query((rs, i) -> new Recovery(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        String matched = null;
        for (Recovery recovery : unused) {
            if (MessageDigest.isEqual(hash(recovery.salt(), normalized).getBytes(StandardCharsets.US_ASCII),
                    recovery.codeHash().getBytes(StandardCharsets.US_ASCII))) {
                matched = recovery.id();
            }
        }
        // spent by whichever login marks it first
        return matched != null && jdbc.sql("update consumer_recovery_code set used_at = ? where id = ? and used_at is null")
                .params(DbTimes.at(now), matched).update() == 1;
    }

    private String otpauthUri(String userId, String base32) {
        String phone = jdbc.sql("select phone from consumer where id = ?").params(userId).query(String.class).optional().orElse("");
        String label = ISSUER + ":" + encode(Phones.mask(phone));
        return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=" + DIGITS
                + "&period=" + STEP.getSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String newRecoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalizeRecovery(String code) {
        return code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hash(String salt, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Row> row(String userId) {
        return jdbc.sql("select secret, status, enabled_at from consumer_totp where user_id = ?").params(userId)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), DbTimes.instant(rs, 3))).optional();
    }

    private static String context(String userId) {
        return "consumer_totp:" + userId;
    }

    /**
     * Codes sent with a session (to confirm or to turn off) are guessed no more freely than at login: as
     * many wrong ones as the login lockout allows lock these for the consumer as long as it would. The attempt
     * is counted before the code is checked ({@link LoginGuard#claim}), so codes sent at once are checked no more often.
     */
    private void guardCodes(String userId, Instant now) {
        Optional<Instant> locked = guard.claim(guardKey(userId), null, now);
        if (locked.isPresent()) {
            throw codesLocked(locked.get());
        }
    }

    /** A wrong code, counted when it was claimed: the lock if it locked the codes, else a 400. */
    private ApiException wrongCode(String userId, Instant now) {
        return guard.lockedUntil(guardKey(userId), now).map(TotpAuthenticator::codesLocked).orElseGet(() -> otpInvalid(400, "code"));
    }

    private static ApiException codesLocked(Instant until) {
        return new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "otp_locked", "Too many wrong codes: try again after " + until + ".", null);
    }

    private static String guardKey(String userId) {
        return "totp:" + userId;
    }

    static ApiException otpInvalid(int status, String param) {
        return new ApiException(status, status == 401 ? ErrorType.AUTHENTICATION_ERROR : ErrorType.INVALID_REQUEST_ERROR, "otp_invalid",
                "The one-time code is wrong, expired or already used.", param);
    }

    private static ApiException alreadyEnabled() {
        return ApiException.conflict("totp_enabled", "Two-factor login is already on; turn it off first to set up another authenticator.");
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private record Row(String sealedSecret, String status, Instant enabledAt) {

        @Override
        public String toString() {
            return "Row[" + status + "]";
        }
    }

    private record Recovery(String id, String salt, String codeHash) {
    }
}
