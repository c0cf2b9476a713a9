package io.huitong.merchantusers.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.merchantusers.MerchantRole;
import io.huitong.merchantusers.MerchantUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How a merchant user is read from its row, and the tokens of invitations and sessions (random, kept as SHA-256). */
final class MerchantUserRows {

    static final String COLUMNS = "id, merchant_id, email, role, status, totp_secret is not null, invited_by, created_at, last_login_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MerchantUserRows() {
    }

    static Optional<MerchantUser> find(JdbcClient jdbc, String userId) {
        return jdbc.sql("select " + COLUMNS + " from merchant_user where id = ?").params(userId).query(MerchantUserRows::user).optional();
    }

    static MerchantUser user(ResultSet rs, int row) throws SQLException {
        return new MerchantUser(rs.getString(1), rs.getString(2), rs.getString(3), MerchantRole.fromWire(rs.getString(4)).orElseThrow(),
                rs.getString(5), rs.getBoolean(6), rs.getString(7), DbTimes.instant(rs, 8), DbTimes.instant(rs, 9));
    }

    /** A new token: the prefix and 256 random bits, base64url. */
    static String token(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Token lookups are by hash: a token is 256 random bits, so a fast hash is as good as a slow one. */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
