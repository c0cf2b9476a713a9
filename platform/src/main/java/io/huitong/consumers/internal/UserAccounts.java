package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import io.huitong.consumers.Login;
import io.huitong.consumers.NewUser;
import io.huitong.consumers.Notice;
import io.huitong.consumers.Phones;
import io.huitong.consumers.Session;
import io.huitong.consumers.User;
import io.huitong.consumers.Users;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import io.huitong.identity.RememberedCredentials;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Consumers' accounts and sessions in the database, and the authenticator of their session tokens
 * ({@code Authorization: Bearer ust_...}). A token is 32 random bytes; only its SHA-256 is stored.
 */
final class UserAccounts implements Users, BearerAuthenticator {

    static final String TOKEN_PREFIX = "ust_";
    /**
     * How long a session found valid is remembered without asking the database again. A session stops at its expiry
     * even when remembered, and a logout forgets it at once here; on other instances a logout takes effect within this
     * time (as a merchant key's rotation does).
     */
    static final Duration REMEMBER_SESSION = Duration.ofSeconds(5);
    private static final String COLUMNS = "id, phone, name, created_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final LoginGuard guard;
    private final SecondFactor secondFactor;
    private final ConsumersProperties properties;
    private final Clock clock;
    private final Ids ids;
    private final SecureRandom random = new SecureRandom();
    /** Hashed when no account has the phone number, so that a login takes as long either way. */
    private final String decoy;
    private final Notices notices;
    private final RememberedCredentials<ApiPrincipal> sessions = new RememberedCredentials<>(REMEMBER_SESSION, 100_000);

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, PasswordPolicy policy, LoginGuard guard, ConsumersProperties properties,
                 Clock clock, Ids ids, SecondFactor secondFactor) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.policy = policy;
        this.guard = guard;
        this.secondFactor = secondFactor;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
        this.decoy = passwords.encode("decoy password " + random.nextLong());
        this.notices = new Notices(jdbc, ids);
    }

    @Override
    public User signUp(NewUser request) {
        policy.check(request.password(), request.phone());
        Instant now = now();
        String id = ids.next("usr");
        try {
            jdbc.sql("insert into consumer (id, phone, password_hash, name, created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                    .params(id, request.phone(), passwords.encode(request.password()), request.name(), DbTimes.at(now), DbTimes.at(now))
                    .update();
        } catch (DuplicateKeyException e) {
            // answered as a new account is, so that trying numbers tells nobody who is a customer; the owner is told
            notices.signUpAttempt(request.phone(), now);
        }
        return new User(id, "user", Phones.mask(request.phone()), request.name(), now);
    }

    @Override
    public Page<Notice> notices(String userId, PageRequest page) {
        return notices.of(userId, page);
    }

    @Override
    public Optional<User> find(String userId) {
        return jdbc.sql("select " + COLUMNS + " from consumer where id = ?").params(userId).query(UserAccounts::user).optional();
    }

    @Override
    public Optional<User> findByPhone(String phone) {
        return jdbc.sql("select " + COLUMNS + " from consumer where phone = ?").params(phone).query(UserAccounts::user).optional();
    }

    @Override
    public Session login(Login request, String clientAddress) {
        Instant now = now();
        String accountKey = "account:" + request.phone();
        String addressKey = "address:" + (clientAddress == null ? "unknown" : clientAddress);
        // the attempt is counted before the slow hash, so that attempts sent at once cannot all be checked
        Optional<Instant> locked = guard.claim(accountKey, addressKey, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        Optional<Credentials> account = jdbc.sql("select id, password_hash from consumer where phone = ?").params(request.phone())
                .query((rs, i) -> new Credentials(rs.getString(1), rs.getString(2))).optional();
        boolean matches = passwords.matches(request.password(), account.map(Credentials::passwordHash).orElse(decoy));
        if (account.isEmpty() || !matches) {
            throw failed(accountKey, addressKey, now,
                    new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_credentials", "Wrong phone number or password.", null));
        }
        if (secondFactor.required(account.get().id())) {
            if (request.otp() == null || request.otp().isBlank()) {
                guard.release(accountKey, addressKey); // asking for the code is not a guess
                throw new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "otp_required",
                        "Two-factor login is on: send the code from the authenticator app, or a recovery code, as otp.", "otp");
            }
            // a wrong code counts as a failed login: the lockout bounds guessing codes as it bounds guessing passwords
            if (!secondFactor.accepts(account.get().id(), request.otp(), now)) {
                throw failed(accountKey, addressKey, now, TotpAuthenticator.otpInvalid(401, "otp"));
            }
        }
        guard.succeeded(accountKey, addressKey);
        return open(account.get().id(), clientAddress, now);
    }

    /** Opens a session for a consumer who has proven who they are (password and second factor, a passkey, a QR login). */
    Session open(String userId, String clientAddress, Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = now.plus(properties.sessionTtl());
        jdbc.sql("insert into consumer_session (id, token_hash, user_id, client, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(ids.next("ses"), sha256(token), userId, clientAddress, DbTimes.at(now), DbTimes.at(expires)).update();
        return new Session(token, expires);
    }

    @Override
    public void logout(String token) {
        String hash = sha256(token);
        jdbc.sql("update consumer_session set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(DbTimes.at(now()), hash).update();
        sessions.forget(hash);
    }

    @Override
    public void logoutEverywhere(String userId) {
        jdbc.sql("update consumer_session set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(DbTimes.at(now()), userId).update();
        sessions.forgetHolder(userId);
    }

    @Override
    public boolean realNameVerified(String userId) {
        return jdbc.sql("select count(*) from consumer_verification where user_id = ?").params(userId).query(Long.class).single() > 0;
    }

    /**
     * A wrong password here counts towards the account's login lockout, so that a stolen session cannot be
     * used to guess the password; a locked account is a 429 {@code login_locked}.
     */
    @Override
    public boolean passwordMatches(String userId, String password) {
        Optional<PhoneAndHash> account = jdbc.sql("select phone, password_hash from consumer where id = ?").params(userId)
                .query((rs, i) -> new PhoneAndHash(rs.getString(1), rs.getString(2))).optional();
        if (account.isEmpty() || password == null) {
            return false;
        }
        Instant now = now();
        String accountKey = "account:" + account.get().phone();
        Optional<Instant> locked = guard.claim(accountKey, null, now);
        if (locked.isPresent()) {
            throw locked(locked.get());
        }
        if (passwords.matches(password, account.get().passwordHash())) {
            guard.succeeded(accountKey, null);
            return true;
        }
        guard.lockedUntil(accountKey, now).ifPresent(until -> {
            throw locked(until);
        });
        return false;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String credential) {
        if (credential == null || !credential.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        Instant now = now();
        return sessions.find(sha256(credential), now, hash -> jdbc.sql("select user_id, expires_at from consumer_session"
                        + " where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(hash, DbTimes.at(now))
                .query((rs, row) -> new RememberedCredentials.Found<>(new ApiPrincipal(ApiPrincipal.Kind.USER, rs.getString(1)),
                        rs.getString(1), DbTimes.instant(rs, 2)))
                .optional().orElse(null));
    }

    /** A failed login, counted when it was claimed: the lockout if the account or the address is locked now, else {@code failure}. */
    private ApiException failed(String accountKey, String addressKey, Instant now, ApiException failure) {
        return guard.lockedUntil(accountKey, addressKey, now).map(UserAccounts::locked).orElse(failure);
    }

    private static ApiException locked(Instant until) {
        return new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "login_locked",
                "Too many wrong passwords: login is locked until " + until + ".", null);
    }

    /** Token lookups are by hash: a token is 256 random bits, so a fast hash is as good as a slow one. */
    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static User user(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new User(rs.getString(1), "user", Phones.mask(rs.getString(2)), rs.getString(3), DbTimes.instant(rs, 4));
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private record Credentials(String id, String passwordHash) {
    }

    private record PhoneAndHash(String phone, String passwordHash) {
    }
}
