package io.huitong.operators.internal;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import io.huitong.identity.LoginGuard;
import io.huitong.identity.Totp;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.operators.MfaEnrollmentRequired;
import io.huitong.operators.Operator;
import io.huitong.operators.OperatorLogin;
import io.huitong.operators.OperatorSession;
import io.huitong.operators.Operators;
import io.huitong.operators.TotpEnrollment;
import io.huitong.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Operators' logins, TOTP enrolment and sessions, and the authenticator of their session tokens
 * ({@code Authorization: Bearer ost_...}). Tokens (sessions {@code ost_}, enrolments {@code oet_}) are 32 random bytes of
 * which only the SHA-256 is stored; passwords are checked against their Argon2id hashes; TOTP secrets are sealed by the
 * vault, bound to the operator's id. Each attempt is claimed from the lockout before the slow hash.
 */
final class OperatorLogins implements BearerAuthenticator {

    static final String SESSION_PREFIX = "ost_";
    static final String ENROLLMENT_PREFIX = "oet_";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final LoginGuard guard;
    private final Vault vault;
    private final Totp totp = Totp.sha1();
    private final OperatorsProperties properties;
    private final Clock clock;
    private final Ids ids;
    private final SecureRandom random = new SecureRandom();
    /** Hashed when no operator has the email, so that a login takes as long either way. */
    private final String decoy;

    OperatorLogins(JdbcClient jdbc, PasswordEncoder passwords, LoginGuard guard, Vault vault, OperatorsProperties properties,
                   Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.guard = guard;
        this.vault = vault;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
        this.decoy = passwords.encode("decoy password " + random.nextLong());
    }

    OperatorSession login(OperatorLogin request, String clientAddress) {
        Instant now = now();
        String accountKey = "operator-account:" + request.email();
        String addressKey = "operator-address:" + (clientAddress == null ? "unknown" : clientAddress);
        // the attempt is counted before the slow hash, so that attempts sent at once cannot all be checked
        Optional<Instant> locked = guard.claim(accountKey, addressKey, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        Optional<Credentials> account = jdbc.sql(
                        "select id, password_hash, status, totp_secret, totp_last_step from operator_account where email = ?")
                .params(request.email())
                .query((rs, i) -> new Credentials(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5) == null ? Long.MIN_VALUE : rs.getLong(5)))
                .optional();
        boolean matches = passwords.matches(request.password(), account.map(Credentials::passwordHash).orElse(decoy));
        if (account.isEmpty() || !matches) {
            throw failed(accountKey, addressKey, now,
                    new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_credentials", "Wrong email or password.", null));
        }
        Credentials operator = account.get();
        // the password was right: what follows is not a guess, and gives the attempt back
        if (Operator.PENDING.equals(operator.status())) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "operator_pending",
                    "This operator's roles await a security administrator's approval.", null);
        }
        if (!Operator.ACTIVE.equals(operator.status())) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "operator_disabled", "This operator is disabled.", null);
        }
        if (operator.sealedTotpSecret() == null) {
            guard.release(accountKey, addressKey);
            throw enrollmentRequired(operator.id(), now);
        }
        if (request.otp() == null || request.otp().isBlank()) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "mfa_required",
                    "Operators log in with a second factor: send the current code of your authenticator app as otp.", "otp");
        }
        String secret = vault.open(operator.sealedTotpSecret(), totpContext(operator.id()));
        OptionalLong step = totp.verify(secret, request.otp(), now, operator.lastStep());
        // the step moves forward at most once: of two logins with the same code, one wins
        if (step.isEmpty() || jdbc.sql("update operator_account set totp_last_step = ? where id = ?"
                        + " and (totp_last_step is null or totp_last_step < ?)")
                .params(step.getAsLong(), operator.id(), step.getAsLong()).update() == 0) {
            throw failed(accountKey, addressKey, now, invalidOtp());
        }
        guard.succeeded(accountKey, addressKey);
        return open(operator.id(), clientAddress, now);
    }

    TotpEnrollment beginTotpEnrollment(String enrollmentToken) {
        String operatorId = enrolling(enrollmentToken);
        String secret = Totp.newSecret();
        jdbc.sql("update operator_account set pending_totp_secret = ?, updated_at = ? where id = ?")
                .params(vault.seal(secret, totpContext(operatorId)), DbTimes.at(now()), operatorId).update();
        String email = OperatorRows.find(jdbc, operatorId).orElseThrow().email();
        return new TotpEnrollment(secret, Totp.uri(secret, email), "SHA1", Totp.DIGITS, (int) Totp.PERIOD.toSeconds());
    }

    OperatorSession confirmTotpEnrollment(String enrollmentToken, String code, String clientAddress) {
        Instant now = now();
        String operatorId = enrolling(enrollmentToken);
        String pending = jdbc.sql("select pending_totp_secret from operator_account where id = ?").params(operatorId)
                .query(String.class).optional().orElse(null);
        if (pending == null) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "enrollment_not_started",
                    "Start the enrolment first: POST /v1/operator_mfa/totp.", null);
        }
        if (code == null || code.isBlank()) {
            throw ApiException.missing("code");
        }
        Operator operator = OperatorRows.find(jdbc, operatorId).orElseThrow();
        String accountKey = "operator-account:" + operator.email();
        String addressKey = "operator-address:" + (clientAddress == null ? "unknown" : clientAddress);
        // the attempt is counted before the slow hash, so that attempts sent at once cannot all be checked
        Optional<Instant> locked = guard.claim(accountKey, addressKey, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        OptionalLong step = totp.verify(vault.open(pending, totpContext(operatorId)), code, now, Long.MIN_VALUE);
        if (step.isEmpty()) {
            throw failed(accountKey, addressKey, now, invalidOtp());
        }
        int updated = jdbc.sql("update operator_account set totp_secret = pending_totp_secret, pending_totp_secret = null,"
                        + " totp_last_step = ?, enrollment_token_hash = null, enrollment_expires_at = null, updated_at = ?"
                        + " where id = ? and enrollment_token_hash = ? and pending_totp_secret = ?")
                .params(step.getAsLong(), DbTimes.at(now), operatorId, sha256(enrollmentToken), pending).update();
        if (updated == 0) {
            throw invalidEnrollmentToken(); // a concurrent confirmation or restart won
        }
        guard.succeeded(accountKey, addressKey);
        return open(operatorId, clientAddress, now);
    }

    void logout(String token) {
        jdbc.sql("update operator_session set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(DbTimes.at(now()), sha256(token)).update();
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String credential) {
        if (credential == null || !credential.startsWith(SESSION_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("select o.id, o.roles from operator_session s join operator_account o on o.id = s.operator_id"
                        + " where s.token_hash = ? and s.revoked_at is null and s.expires_at > ? and o.status = ?")
                .params(sha256(credential), DbTimes.at(now()), Operator.ACTIVE)
                .query((rs, i) -> ApiPrincipal.operator(rs.getString(1), OperatorRows.roles(rs.getString(2)))).optional();
    }

    private OperatorSession open(String operatorId, String clientAddress, Instant now) {
        String token = token(SESSION_PREFIX);
        Instant expires = now.plus(properties.sessionTtl());
        jdbc.sql("insert into operator_session (id, token_hash, operator_id, client, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(ids.next("opses"), sha256(token), operatorId, clientAddress, DbTimes.at(now), DbTimes.at(expires)).update();
        return new OperatorSession(token, expires, OperatorRows.find(jdbc, operatorId).orElseThrow());
    }

    /** A new enrolment token for an operator who proved their password; it replaces any earlier one. */
    private MfaEnrollmentRequired enrollmentRequired(String operatorId, Instant now) {
        String token = token(ENROLLMENT_PREFIX);
        Instant expires = now.plus(properties.enrollmentTtl());
        jdbc.sql("update operator_account set enrollment_token_hash = ?, enrollment_expires_at = ?, pending_totp_secret = null,"
                        + " updated_at = ? where id = ?")
                .params(sha256(token), DbTimes.at(expires), DbTimes.at(now), operatorId).update();
        return new MfaEnrollmentRequired(token, expires);
    }

    /** The operator a live enrolment token belongs to, or a 401. */
    private String enrolling(String enrollmentToken) {
        if (enrollmentToken == null || !enrollmentToken.startsWith(ENROLLMENT_PREFIX)) {
            throw invalidEnrollmentToken();
        }
        return jdbc.sql("select id from operator_account where enrollment_token_hash = ? and enrollment_expires_at > ?"
                        + " and status = ? and totp_secret is null")
                .params(sha256(enrollmentToken), DbTimes.at(now()), Operator.ACTIVE).query(String.class).optional()
                .orElseThrow(OperatorLogins::invalidEnrollmentToken);
    }

    /** A failed attempt, counted when it was claimed: the lockout if the account or the address is locked now. */
    private ApiException failed(String accountKey, String addressKey, Instant now, ApiException otherwise) {
        return guard.lockedUntil(accountKey, addressKey, now).map(OperatorLogins::locked).orElse(otherwise);
    }

    private static ApiException invalidOtp() {
        return new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_otp",
                "Wrong or already used one-time code; send the current code of your authenticator app.", "otp");
    }

    private static ApiException invalidEnrollmentToken() {
        return new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_enrollment_token",
                "The enrolment token is missing, wrong, used or expired: log in with email and password for a new one.", null);
    }

    private static ApiException locked(Instant until) {
        return new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "login_locked",
                "Too many failed logins: login is locked until " + until + ".", null);
    }

    private String token(String prefix) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static String totpContext(String operatorId) {
        return "operator_totp:" + operatorId;
    }

    /** Token lookups are by hash: a token is 256 random bits, so a fast hash is as good as a slow one. */
    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private record Credentials(String id, String passwordHash, String status, String sealedTotpSecret, long lastStep) {
    }
}
