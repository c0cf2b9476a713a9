package io.huitong.consumers.internal;

import io.huitong.consumers.LoginQr;
import io.huitong.consumers.LoginQrs;
import io.huitong.consumers.Session;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login QRs in the database. The page that creates one gets a poll token, the phone that scans it a
 * nonce in the payload: two 256-bit secrets, stored only as SHA-256, so that neither a scanner nor anyone
 * who sees the QR can take the session, and the page cannot approve its own login. Every change of status
 * is a conditional update on the expected status: of concurrent approvals one wins, and of concurrent
 * polls after the approval exactly one opens the session.
 */
final class LoginQrCodes implements LoginQrs {

    static final Duration TTL = Duration.ofMinutes(2);
    private static final String COLUMNS = "nonce_hash, poll_token_hash, status, user_id, expires_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UserAccounts accounts;
    private final Clock clock;
    private final Ids ids;
    private final SecureRandom random = new SecureRandom();

    LoginQrCodes(JdbcClient jdbc, TransactionTemplate tx, UserAccounts accounts, Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.accounts = accounts;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public LoginQr create() {
        Instant now = now();
        Instant expires = now.plus(TTL);
        String id = ids.next("lqr");
        String nonce = secret();
        String pollToken = "lqp_" + secret();
        jdbc.sql("insert into consumer_login_qr (id, nonce_hash, poll_token_hash, status, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, sha256(nonce), sha256(pollToken), LoginQr.PENDING, DbTimes.at(now), DbTimes.at(expires)).update();
        return new LoginQr(id, LoginQr.PENDING, "huitong://login?id=" + id + "&nonce=" + nonce, pollToken, expires, null);
    }

    @Override
    public LoginQr poll(String id, String pollToken, String clientAddress) {
        Row row = row(id).filter(r -> pollToken != null && matches(pollToken, r.pollTokenHash()))
                .orElseThrow(() -> ApiException.notFound("login_qr", id));
        Instant now = now();
        if (!LoginQr.APPROVED.equals(row.status())) {
            return answer(id, row, now, null);
        }
        if (!now.isBefore(row.expiresAt())) {
            return answer(id, row, now, null);
        }
        Session session = tx.execute(s -> {
            int taken = jdbc.sql("update consumer_login_qr set status = ?, consumed_at = ? where id = ? and status = ? and expires_at > ?")
                    .params(LoginQr.CONSUMED, DbTimes.at(now), id, LoginQr.APPROVED, DbTimes.at(now)).update();
            return taken == 1 ? accounts.open(row.userId(), clientAddress, now) : null;
        });
        if (session == null) {
            return answer(id, row(id).orElseThrow(), now, null); // another poll took it
        }
        return new LoginQr(id, LoginQr.APPROVED, null, null, row.expiresAt(), session);
    }

    @Override
    public LoginQr approve(String id, String nonce, String userId) {
        if (nonce == null) {
            throw ApiException.missing("nonce");
        }
        Row row = row(id).orElseThrow(() -> ApiException.notFound("login_qr", id));
        if (!matches(nonce, row.nonceHash())) {
            throw ApiException.invalid("nonce", "nonce does not belong to this login QR; scan the QR again");
        }
        Instant now = now();
        int approved = jdbc.sql("update consumer_login_qr set status = ?, user_id = ?, approved_at = ? where id = ? and status = ? "
                        + "and expires_at > ?")
                .params(LoginQr.APPROVED, userId, DbTimes.at(now), id, LoginQr.PENDING, DbTimes.at(now)).update();
        if (approved != 1) {
            if (!now.isBefore(row.expiresAt())) {
                throw ApiException.conflict("login_qr_expired", "This login QR has expired; refresh the page for a new one.");
            }
            throw ApiException.conflict("login_qr_used", "This login QR was already approved.");
        }
        return new LoginQr(id, LoginQr.APPROVED, null, null, row.expiresAt(), null);
    }

    /** The status as the caller sees it: anything still pending or approved at the expiry is expired. */
    private static LoginQr answer(String id, Row row, Instant now, Session session) {
        String status = row.status();
        if (!LoginQr.CONSUMED.equals(status) && !now.isBefore(row.expiresAt())) {
            status = LoginQr.EXPIRED;
        }
        return new LoginQr(id, status, null, null, row.expiresAt(), session);
    }

    private Optional<Row> row(String id) {
        if (id == null || !id.startsWith("lqr_") || id.length() > 40) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from consumer_login_qr where id = ?").params(id)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), DbTimes.instant(rs, 5)))
                .optional();
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean matches(String presented, String storedHash) {
        return MessageDigest.isEqual(sha256(presented).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private record Row(String nonceHash, String pollTokenHash, String status, String userId, Instant expiresAt) {
    }
}
