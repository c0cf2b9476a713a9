package io.huitong.merchantusers.internal;

import io.huitong.identity.LoginGuard;
import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.identity.StaffPasswords;
import io.huitong.identity.Totp;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.merchantusers.InvitationView;
import io.huitong.merchantusers.MerchantRole;
import io.huitong.merchantusers.MerchantSession;
import io.huitong.merchantusers.MerchantUser;
import io.huitong.merchantusers.MerchantUserLogin;
import io.huitong.merchantusers.SignedIn;
import io.huitong.merchantusers.TotpSetup;
import io.huitong.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Merchant users' way in: accepting an invitation (a password, then TOTP), logins with email, password and a one-time
 * code, and sessions. Tokens (invitations {@code mit_}, sessions {@code mst_}) are 256 random bits of which only the
 * SHA-256 is stored; passwords are checked against their Argon2id hashes; TOTP secrets are sealed by the vault, bound to
 * the user's id. Each attempt is claimed from the login guard before the slow hash.
 */
final class MerchantUserLogins {

    static final String INVITATION_PREFIX = "mit_";
    static final String SESSION_PREFIX = "mst_";
    /** A session's last use is written at most this often: a page's requests in a row need not each write it. */
    private static final Duration TOUCH = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final LoginGuard guard;
    private final Vault vault;
    private final Merchants merchants;
    private final Totp totp = Totp.sha1();
    private final MerchantUsersProperties properties;
    private final Clock clock;
    private final Ids ids;
    /** Hashed when no user has the email (or has no password yet), so that a login takes as long either way. */
    private final String decoy;

    MerchantUserLogins(JdbcClient jdbc, PasswordEncoder passwords, LoginGuard guard, Vault vault, Merchants merchants,
                       MerchantUsersProperties properties, Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.guard = guard;
        this.vault = vault;
        this.merchants = merchants;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
        this.decoy = passwords.encode("decoy password " + System.nanoTime());
    }

    Optional<InvitationView> invitation(String token) {
        return invited(token).map(id -> new InvitationView(MerchantUserRows.find(jdbc, id).orElseThrow(),
                jdbc.sql("select invitation_expires_at from merchant_user where id = ?").params(id)
                        .query((rs, i) -> DbTimes.instant(rs, 1)).single()));
    }

    TotpSetup choosePassword(String token, String password) {
        String userId = invited(token).orElseThrow(MerchantUserLogins::invitationInvalid);
        MerchantUser user = MerchantUserRows.find(jdbc, userId).orElseThrow();
        if (password == null || password.isEmpty()) {
            throw ApiException.missing("password");
        }
        StaffPasswords.check(password, user.email());
        String secret = Totp.newSecret();
        int updated = jdbc.sql("update merchant_user set password_hash = ?, pending_totp_secret = ?, updated_at = ?"
                        + " where id = ? and invitation_hash = ? and status = ?")
                .params(passwords.encode(password), vault.seal(secret, totpContext(userId)), DbTimes.at(now()), userId,
                        MerchantUserRows.sha256(token), MerchantUser.INVITED)
                .update();
        if (updated == 0) {
            throw invitationInvalid(); // replaced or accepted meanwhile
        }
        return new TotpSetup(secret, Totp.uri(secret, user.email()));
    }

    Optional<TotpSetup> pendingTotp(String token) {
        record Pending(String email, String sealed) {
        }
        return invited(token).flatMap(userId -> jdbc.sql("select email, pending_totp_secret from merchant_user where id = ?").params(userId)
                .query((rs, i) -> new Pending(rs.getString(1), rs.getString(2))).optional()
                .filter(p -> p.sealed() != null)
                .map(p -> {
                    String secret = vault.open(p.sealed(), totpContext(userId));
                    return new TotpSetup(secret, Totp.uri(secret, p.email()));
                }));
    }

    MerchantUser confirmTotp(String token, String otp, String clientAddress) {
        Instant now = now();
        String userId = invited(token).orElseThrow(MerchantUserLogins::invitationInvalid);
        MerchantUser user = MerchantUserRows.find(jdbc, userId).orElseThrow();
        String pending = jdbc.sql("select pending_totp_secret from merchant_user where id = ?").params(userId).query(String.class)
                .optional().orElse(null);
        if (pending == null) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "password_not_chosen",
                    "Choose a password first: it comes with the secret for your authenticator app.", "password");
        }
        if (otp == null || otp.isBlank()) {
            throw ApiException.missing("otp");
        }
        String accountKey = accountKey(user.email());
        String addressKey = addressKey(clientAddress);
        Optional<Instant> locked = guard.claim(accountKey, addressKey, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        OptionalLong step = totp.verify(vault.open(pending, totpContext(userId)), otp, now, Long.MIN_VALUE);
        if (step.isEmpty()) {
            throw failed(accountKey, addressKey, now, new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "invalid_otp",
                    "Wrong one-time code: type the code your authenticator app shows now.", "otp"));
        }
        int updated = jdbc.sql("update merchant_user set totp_secret = pending_totp_secret, pending_totp_secret = null, totp_last_step = ?,"
                        + " status = ?, invitation_hash = null, invitation_expires_at = null, updated_at = ?"
                        + " where id = ? and invitation_hash = ? and pending_totp_secret = ? and status = ?")
                .params(step.getAsLong(), MerchantUser.ACTIVE, DbTimes.at(now), userId, MerchantUserRows.sha256(token), pending,
                        MerchantUser.INVITED)
                .update();
        if (updated == 0) {
            throw invitationInvalid(); // a concurrent confirmation or a new password won
        }
        guard.succeeded(accountKey, addressKey);
        return MerchantUserRows.find(jdbc, userId).orElseThrow();
    }

    MerchantSession login(MerchantUserLogin request, String clientAddress) {
        Instant now = now();
        String accountKey = accountKey(request.email());
        String addressKey = addressKey(clientAddress);
        // the attempt is counted before the slow hash, so that attempts sent at once cannot all be checked
        Optional<Instant> locked = guard.claim(accountKey, addressKey, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        Optional<Credentials> account = jdbc.sql("select id, merchant_id, password_hash, status, totp_secret, totp_last_step"
                        + " from merchant_user where email = ?")
                .params(request.email())
                .query((rs, i) -> new Credentials(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6) == null ? Long.MIN_VALUE : rs.getLong(6)))
                .optional();
        String hash = account.map(Credentials::passwordHash).orElse(null);
        boolean matches = passwords.matches(request.password(), hash == null ? decoy : hash) && hash != null;
        if (!matches) {
            throw failed(accountKey, addressKey, now,
                    new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_credentials", "Wrong email or password.", null));
        }
        Credentials user = account.get();
        // the password was right: what follows is not a guess, and gives the attempt back
        if (MerchantUser.DISABLED.equals(user.status())) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "user_disabled", "This user is disabled.", null);
        }
        if (!MerchantUser.ACTIVE.equals(user.status()) || user.sealedTotpSecret() == null) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invitation_not_accepted",
                    "Finish accepting the invitation first: its link sets up the authenticator app.", null);
        }
        if (!merchantActive(user.merchantId())) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "merchant_inactive",
                    "This merchant's dashboard is closed: the merchant is not active.", null);
        }
        if (request.otp() == null) {
            guard.release(accountKey, addressKey);
            throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "mfa_required",
                    "Send the current code of your authenticator app as otp.", "otp");
        }
        String secret = vault.open(user.sealedTotpSecret(), totpContext(user.id()));
        OptionalLong step = totp.verify(secret, request.otp(), now, user.lastStep());
        // the step moves forward at most once: of two logins with the same code, one wins
        if (step.isEmpty() || jdbc.sql("update merchant_user set totp_last_step = ?, last_login_at = ? where id = ?"
                        + " and (totp_last_step is null or totp_last_step < ?)")
                .params(step.getAsLong(), DbTimes.at(now), user.id(), step.getAsLong()).update() == 0) {
            throw failed(accountKey, addressKey, now, new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_otp",
                    "Wrong or already used one-time code; type the current code of your authenticator app.", "otp"));
        }
        guard.succeeded(accountKey, addressKey);
        String token = MerchantUserRows.token(SESSION_PREFIX);
        Instant expires = now.plus(properties.sessionMax());
        jdbc.sql("insert into merchant_user_session (id, token_hash, user_id, merchant_id, client, created_at, last_seen_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ids.next("msess"), MerchantUserRows.sha256(token), user.id(), user.merchantId(), clip(clientAddress),
                        DbTimes.at(now), DbTimes.at(now), DbTimes.at(expires))
                .update();
        return new MerchantSession(token, expires, MerchantUserRows.find(jdbc, user.id()).orElseThrow());
    }

    Optional<SignedIn> authenticate(String token) {
        if (token == null || !token.startsWith(SESSION_PREFIX)) {
            return Optional.empty();
        }
        Instant now = now();
        record Row(SignedIn user, Instant lastSeen, Instant expires, String status) {
        }
        Optional<Row> found = jdbc.sql("select s.id, u.id, u.merchant_id, u.email, u.role, s.last_seen_at, s.expires_at, u.status"
                        + " from merchant_user_session s join merchant_user u on u.id = s.user_id"
                        + " where s.token_hash = ? and s.revoked_at is null")
                .params(MerchantUserRows.sha256(token))
                .query((rs, i) -> new Row(new SignedIn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        MerchantRole.fromWire(rs.getString(5)).orElseThrow()), DbTimes.instant(rs, 6), DbTimes.instant(rs, 7), rs.getString(8)))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        if (!now.isBefore(row.expires()) || !now.isBefore(row.lastSeen().plus(properties.sessionIdle()))
                || !MerchantUser.ACTIVE.equals(row.status()) || !merchantActive(row.user().merchantId())) {
            return Optional.empty();
        }
        if (!now.isBefore(row.lastSeen().plus(TOUCH))) {
            jdbc.sql("update merchant_user_session set last_seen_at = ? where id = ? and last_seen_at < ?")
                    .params(DbTimes.at(now), row.user().sessionId(), DbTimes.at(now)).update();
        }
        return Optional.of(row.user());
    }

    void logout(String token) {
        if (token == null) {
            return;
        }
        jdbc.sql("update merchant_user_session set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(DbTimes.at(now()), MerchantUserRows.sha256(token)).update();
    }

    /** Ends every session of the user (disabled, or invited again). */
    void endSessions(String userId) {
        jdbc.sql("update merchant_user_session set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(DbTimes.at(now()), userId).update();
    }

    boolean merchantActive(String merchantId) {
        return merchants.find(merchantId).map(Merchant::status).filter("active"::equals).isPresent();
    }

    /** The user a valid invitation token belongs to. */
    private Optional<String> invited(String token) {
        if (token == null || !token.startsWith(INVITATION_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select id from merchant_user where invitation_hash = ? and invitation_expires_at > ? and status = ?")
                .params(MerchantUserRows.sha256(token), DbTimes.at(now()), MerchantUser.INVITED).query(String.class).optional();
    }

    /** A failed attempt, counted when it was claimed: the lockout if the account or the address is locked now. */
    private ApiException failed(String accountKey, String addressKey, Instant now, ApiException otherwise) {
        return guard.lockedUntil(accountKey, addressKey, now).map(MerchantUserLogins::locked).orElse(otherwise);
    }

    static ApiException invitationInvalid() {
        return new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "invitation_invalid",
                "This invitation is not valid (any more): ask for a new one.", null);
    }

    private static ApiException locked(Instant until) {
        return new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "login_locked",
                "Too many failed logins: login is locked until " + until + ".", null);
    }

    private static String accountKey(String email) {
        return "merchant-user-account:" + email;
    }

    private static String addressKey(String clientAddress) {
        return "merchant-user-address:" + (clientAddress == null ? "unknown" : clientAddress);
    }

    private static String totpContext(String userId) {
        return "merchant_user_totp:" + userId;
    }

    private static String clip(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private record Credentials(String id, String merchantId, String passwordHash, String status, String sealedTotpSecret, long lastStep) {
    }
}
