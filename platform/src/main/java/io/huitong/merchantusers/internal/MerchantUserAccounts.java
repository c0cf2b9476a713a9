package io.huitong.merchantusers.internal;

import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.merchantusers.DashboardSettings;
import io.huitong.merchantusers.Invitation;
import io.huitong.merchantusers.InvitationView;
import io.huitong.merchantusers.MerchantRole;
import io.huitong.merchantusers.MerchantSession;
import io.huitong.merchantusers.MerchantUser;
import io.huitong.merchantusers.MerchantUserLogin;
import io.huitong.merchantusers.MerchantUsers;
import io.huitong.merchantusers.SignedIn;
import io.huitong.merchantusers.TotpSetup;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchant users' accounts in the database: invitations, roles, disabling, and the dashboard's settings. A change that
 * could leave a merchant without an active owner is made under the lock of every row of the merchant's staff, so that two
 * owners demoting each other at once cannot both succeed. Logins and sessions are {@link MerchantUserLogins}'.
 */
final class MerchantUserAccounts implements MerchantUsers {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MerchantUserLogins logins;
    private final Merchants merchants;
    private final MerchantUsersProperties properties;
    private final Clock clock;
    private final Ids ids;

    MerchantUserAccounts(JdbcClient jdbc, TransactionTemplate tx, MerchantUserLogins logins, Merchants merchants,
                         MerchantUsersProperties properties, Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.logins = logins;
        this.merchants = merchants;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Invitation invite(String merchantId, String email, MerchantRole role, String invitedBy) {
        String address = email(email);
        if (role == null) {
            throw ApiException.missing("role");
        }
        merchants.find(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
        String token = MerchantUserRows.token(MerchantUserLogins.INVITATION_PREFIX);
        Instant now = DbTimes.now(clock);
        Instant expires = now.plus(properties.invitationTtl());
        try {
            String userId = tx.execute(s -> {
                Optional<MerchantUser> existing = jdbc.sql("select " + MerchantUserRows.COLUMNS + " from merchant_user where email = ? for update")
                        .params(address).query(MerchantUserRows::user).optional();
                if (existing.isPresent()) {
                    MerchantUser user = existing.get();
                    if (!user.merchantId().equals(merchantId)) {
                        throw ApiException.conflict("email_taken", "This email belongs to another merchant's staff.");
                    }
                    if (user.active()) {
                        throw ApiException.conflict("user_exists", "This person is on the team already: change their role instead.");
                    }
                    // invited again: a new link (the one before stops working), the new role, and a fresh start
                    jdbc.sql("update merchant_user set role = ?, status = ?, password_hash = null, totp_secret = null, totp_last_step = null,"
                                    + " pending_totp_secret = null, invitation_hash = ?, invitation_expires_at = ?, invited_by = ?, updated_at = ?"
                                    + " where id = ?")
                            .params(role.wireName(), MerchantUser.INVITED, MerchantUserRows.sha256(token), DbTimes.at(expires), invitedBy,
                                    DbTimes.at(now), user.id())
                            .update();
                    return user.id();
                }
                String id = ids.next("musr");
                jdbc.sql("insert into merchant_user (id, merchant_id, email, role, status, invitation_hash, invitation_expires_at, invited_by,"
                                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(id, merchantId, address, role.wireName(), MerchantUser.INVITED, MerchantUserRows.sha256(token),
                                DbTimes.at(expires), invitedBy, DbTimes.at(now), DbTimes.at(now))
                        .update();
                return id;
            });
            logins.endSessions(userId);
            return new Invitation(MerchantUserRows.find(jdbc, userId).orElseThrow(), token, expires);
        } catch (DuplicateKeyException raced) {
            throw ApiException.conflict("email_taken", "This email was invited at the same moment; look at the team again.");
        }
    }

    @Override
    public Optional<InvitationView> invitation(String token) {
        return logins.invitation(token);
    }

    @Override
    public TotpSetup choosePassword(String token, String password) {
        return logins.choosePassword(token, password);
    }

    @Override
    public Optional<TotpSetup> pendingTotp(String token) {
        return logins.pendingTotp(token);
    }

    @Override
    public MerchantUser confirmTotp(String token, String otp, String clientAddress) {
        return logins.confirmTotp(token, otp, clientAddress);
    }

    @Override
    public MerchantSession login(MerchantUserLogin login, String clientAddress) {
        return logins.login(login, clientAddress);
    }

    @Override
    public Optional<SignedIn> authenticate(String token) {
        return logins.authenticate(token);
    }

    @Override
    public void logout(String token) {
        logins.logout(token);
    }

    @Override
    public List<MerchantUser> list(String merchantId) {
        return jdbc.sql("select " + MerchantUserRows.COLUMNS + " from merchant_user where merchant_id = ? order by id desc")
                .params(merchantId).query(MerchantUserRows::user).list();
    }

    @Override
    public Optional<MerchantUser> find(String merchantId, String userId) {
        return MerchantUserRows.find(jdbc, userId).filter(u -> u.merchantId().equals(merchantId));
    }

    @Override
    public Optional<MerchantUser> findByEmail(String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            return Optional.empty();
        }
        return jdbc.sql("select " + MerchantUserRows.COLUMNS + " from merchant_user where email = ?")
                .params(email.strip().toLowerCase(Locale.ROOT)).query(MerchantUserRows::user).optional();
    }

    @Override
    public MerchantUser changeRole(String merchantId, String userId, MerchantRole role) {
        if (role == null) {
            throw ApiException.missing("role");
        }
        tx.executeWithoutResult(s -> {
            MerchantUser user = lockTeam(merchantId, userId);
            if (user.role() == MerchantRole.OWNER && role != MerchantRole.OWNER && user.active() && activeOwners(merchantId) <= 1) {
                throw lastOwner();
            }
            jdbc.sql("update merchant_user set role = ?, updated_at = ? where id = ?")
                    .params(role.wireName(), DbTimes.at(DbTimes.now(clock)), userId).update();
        });
        return MerchantUserRows.find(jdbc, userId).orElseThrow();
    }

    @Override
    public MerchantUser disable(String merchantId, String userId, String byUserId) {
        if (userId.equals(byUserId)) {
            throw ApiException.conflict("cannot_disable_self", "You cannot disable yourself: ask another owner.");
        }
        tx.executeWithoutResult(s -> {
            MerchantUser user = lockTeam(merchantId, userId);
            if (user.role() == MerchantRole.OWNER && user.active() && activeOwners(merchantId) <= 1) {
                throw lastOwner();
            }
            jdbc.sql("update merchant_user set status = ?, invitation_hash = null, invitation_expires_at = null, pending_totp_secret = null,"
                            + " updated_at = ? where id = ?")
                    .params(MerchantUser.DISABLED, DbTimes.at(DbTimes.now(clock)), userId).update();
        });
        logins.endSessions(userId);
        return MerchantUserRows.find(jdbc, userId).orElseThrow();
    }

    @Override
    public DashboardSettings settings(String merchantId) {
        return jdbc.sql("select support_refund_limit from merchant_dashboard where merchant_id = ?").params(merchantId)
                .query(Long.class).optional()
                .map(limit -> new DashboardSettings(merchantId, limit))
                .orElse(new DashboardSettings(merchantId, DashboardSettings.DEFAULT_SUPPORT_REFUND_LIMIT));
    }

    @Override
    public DashboardSettings changeSettings(String merchantId, long supportRefundLimit) {
        if (supportRefundLimit < 0 || supportRefundLimit > DashboardSettings.MAX_SUPPORT_REFUND_LIMIT) {
            throw ApiException.invalid("support_refund_limit", "support_refund_limit must be from 0 to " + DashboardSettings.MAX_SUPPORT_REFUND_LIMIT);
        }
        merchants.find(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
        Instant now = DbTimes.now(clock);
        tx.executeWithoutResult(s -> {
            int updated = jdbc.sql("update merchant_dashboard set support_refund_limit = ?, updated_at = ? where merchant_id = ?")
                    .params(supportRefundLimit, DbTimes.at(now), merchantId).update();
            if (updated == 0) {
                jdbc.sql("insert into merchant_dashboard (merchant_id, support_refund_limit, updated_at) values (?, ?, ?)")
                        .params(merchantId, supportRefundLimit, DbTimes.at(now)).update();
            }
        });
        return settings(merchantId);
    }

    /** Locks every row of the merchant's staff (ids in order) and answers the one asked for, or a 404. */
    private MerchantUser lockTeam(String merchantId, String userId) {
        jdbc.sql("select id from merchant_user where merchant_id = ? order by id for update").params(merchantId).query(String.class).list();
        return find(merchantId, userId).orElseThrow(() -> ApiException.notFound("user", userId));
    }

    private long activeOwners(String merchantId) {
        return jdbc.sql("select count(*) from merchant_user where merchant_id = ? and role = ? and status = ?")
                .params(merchantId, MerchantRole.OWNER.wireName(), MerchantUser.ACTIVE).query(Long.class).single();
    }

    private static ApiException lastOwner() {
        return ApiException.conflict("last_owner", "The merchant's last owner stays an owner: make someone else owner first.");
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.missing("email");
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw ApiException.invalid("email", "email must be an email address, such as ana@example.com");
        }
        return address;
    }
}
