package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchants and their keys in the database, and the authenticator of merchant secret keys
 * ({@code Authorization: Bearer sk_test_...}).
 */
final class MerchantRegistry implements Merchants, BearerAuthenticator {

    static final String TEST_KEY_PREFIX = "sk_test_";
    static final String LIVE_KEY_PREFIX = "sk_live_";
    private static final String COLUMNS =
            "id, name, email, default_currency, settlement_schedule, coalesce(settlement_currency, default_currency), fee_percent_bps, fee_fixed,"
                    + " status, created_at";

    /**
     * How long an authenticated key is remembered without asking the database again. A key that
     * expires (rotation) stops at its expiry, even when remembered; on other instances a rotation with no
     * grace period takes effect within this time.
     */
    static final Duration REMEMBER_KEY = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED_KEYS = 10_000;

    private record RememberedMerchant(Merchant merchant, Instant until) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final RememberedCredentials<ApiPrincipal> keys = new RememberedCredentials<>(REMEMBER_KEY, MAX_REMEMBERED_KEYS);
    private final Map<String, RememberedMerchant> merchants = new ConcurrentHashMap<>();

    MerchantRegistry(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Onboarded onboard(NewMerchant r) {
        Instant now = now();
        Merchant m = new Merchant(ids.next("mer"), r.name(), r.email(), r.defaultCurrency(), r.settlementSchedule(),
                r.settlementCurrency(), r.feePercentBps(), r.feeFixed(), "active", now);
        return tx.execute(s -> {
            jdbc.sql("insert into merchant (id, name, email, default_currency, settlement_schedule, settlement_currency, fee_percent_bps,"
                            + " fee_fixed, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(m.id(), m.name(), m.email(), m.defaultCurrency(), m.settlementSchedule(), m.settlementCurrency(),
                            m.feePercentBps(), m.feeFixed(), m.status(), DbTimes.at(now))
                    .update();
            return new Onboarded(m, issueKey(m.id(), now, null));
        });
    }

    /** Merchants are read on every payment (fee terms) and change rarely: a read is reused for {@link #REMEMBER_KEY}. */
    @Override
    public Optional<Merchant> find(String id) {
        Instant now = now();
        RememberedMerchant known = merchants.get(id);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.merchant());
        }
        Optional<Merchant> found = jdbc.sql("select " + COLUMNS + " from merchant where id = ?").param(id)
                .query(MerchantRegistry::merchant).optional();
        if (found.isPresent()) {
            if (merchants.size() >= MAX_REMEMBERED_KEYS) {
                merchants.clear();
            }
            merchants.put(id, new RememberedMerchant(found.get(), now.plus(REMEMBER_KEY)));
        }
        return found;
    }

    @Override
    public Page<Merchant> list(PageRequest page) {
        PageRequest.Query q = page.byId("select " + COLUMNS + " from merchant", "", List.of(), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(MerchantRegistry::merchant).list(), page);
    }

    @Override
    public Merchant changeTerms(String merchantId, MerchantTerms terms) {
        Merchant changed = tx.execute(s -> {
            Merchant m = jdbc.sql("select " + COLUMNS + " from merchant where id = ? for update").param(merchantId)
                    .query(MerchantRegistry::merchant).optional().orElseThrow(() -> ApiException.notFound("merchant", merchantId));
            Merchant next = new Merchant(m.id(), m.name(), m.email(), m.defaultCurrency(),
                    terms.settlementSchedule() == null ? m.settlementSchedule() : terms.settlementSchedule(),
                    terms.settlementCurrency() == null ? m.settlementCurrency() : terms.settlementCurrency(),
                    terms.feePercentBps() == null ? m.feePercentBps() : terms.feePercentBps(),
                    terms.feeFixed() == null ? m.feeFixed() : terms.feeFixed(), m.status(), m.createdAt());
            jdbc.sql("update merchant set settlement_schedule = ?, settlement_currency = ?, fee_percent_bps = ?, fee_fixed = ? where id = ?")
                    .params(next.settlementSchedule(), next.settlementCurrency(), next.feePercentBps(), next.feeFixed(), merchantId)
                    .update();
            return next;
        });
        merchants.remove(merchantId);
        return changed;
    }

    @Override
    public Merchant freeze(String merchantId) {
        return setStatus(merchantId, Merchant.FROZEN);
    }

    @Override
    public Merchant unfreeze(String merchantId) {
        Merchant m = find(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
        if (!Merchant.FROZEN.equals(m.status())) {
            throw ApiException.conflict("merchant_not_frozen", "The merchant is " + m.status() + ", not frozen.");
        }
        return setStatus(merchantId, Merchant.ACTIVE);
    }

    private Merchant setStatus(String merchantId, String status) {
        if (jdbc.sql("update merchant set status = ? where id = ?").params(status, merchantId).update() == 0) {
            throw ApiException.notFound("merchant", merchantId);
        }
        merchants.remove(merchantId);
        keys.forgetHolder(merchantId);
        return find(merchantId).orElseThrow();
    }

    @Override
    public MerchantKey rotateKey(String merchantId, Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ApiException.invalid("grace_period_seconds", "grace_period_seconds must be from 0 to " + MAX_GRACE.toSeconds());
        }
        MerchantKey issued = tx.execute(s -> {
            // the merchant row serializes rotations of one merchant
            boolean exists = jdbc.sql("select id from merchant where id = ? for update").param(merchantId)
                    .query(String.class).optional().isPresent();
            if (!exists) {
                throw ApiException.notFound("merchant", merchantId);
            }
            Instant now = now();
            Instant oldKeysEnd = now.plus(grace);
            jdbc.sql("update merchant_key set expires_at = ? where merchant_id = ? and (expires_at is null or expires_at > ?)")
                    .params(DbTimes.at(oldKeysEnd), merchantId, DbTimes.at(oldKeysEnd))
                    .update();
            return issueKey(merchantId, now, oldKeysEnd);
        });
        // once the old keys' end is committed: a key read meanwhile is read again
        keys.forgetHolder(merchantId);
        return issued;
    }

    @Override
    public List<MerchantKeyInfo> keys(String merchantId) {
        Instant since = now().minus(Duration.ofDays(7));
        return jdbc.sql("select id, mode, created_at, expires_at from merchant_key where merchant_id = ?"
                        + " and (expires_at is null or expires_at > ?) order by created_at desc, id desc")
                .params(merchantId, DbTimes.at(since))
                .query((rs, i) -> new MerchantKeyInfo(rs.getString(1), rs.getString(2), DbTimes.instant(rs, 3), DbTimes.instant(rs, 4)))
                .list();
    }

    private MerchantKey issueKey(String merchantId, Instant now, Instant previousKeysExpireAt) {
        String secret = SecretKeys.generate(TEST_KEY_PREFIX);
        jdbc.sql("insert into merchant_key (id, merchant_id, key_hash, mode, created_at) values (?, ?, ?, ?, ?)")
                .params(ids.next("mk"), merchantId, SecretHashes.sha256Hex(secret), "test", DbTimes.at(now))
                .update();
        return new MerchantKey(merchantId, secret, now, previousKeysExpireAt);
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String credential) {
        if (credential == null || !(credential.startsWith(TEST_KEY_PREFIX) || credential.startsWith(LIVE_KEY_PREFIX))) {
            return Optional.empty();
        }
        Instant now = now();
        // looked up by hash: the index lookup compares hashes, never the secret itself
        return keys.find(SecretHashes.sha256Hex(credential), now, hash -> jdbc.sql("select k.merchant_id, k.mode, k.expires_at, m.status"
                        + " from merchant_key k join merchant m on m.id = k.merchant_id"
                        + " where k.key_hash = ? and (k.expires_at is null or k.expires_at > ?)")
                .params(hash, DbTimes.at(now))
                .query((rs, row) -> {
                    if (Merchant.FROZEN.equals(rs.getString(4))) {
                        throw new ApiException(403, ErrorType.PERMISSION_ERROR, "merchant_frozen",
                                "This merchant is frozen: its keys are refused until an operator unfreezes it.", null);
                    }
                    OffsetDateTime expires = rs.getObject(3, OffsetDateTime.class);
                    return new RememberedCredentials.Found<>(new ApiPrincipal(ApiPrincipal.Kind.MERCHANT, rs.getString(1),
                            "live".equals(rs.getString(2))), rs.getString(1), expires == null ? null : expires.toInstant());
                })
                .optional().orElse(null));
    }

    private Instant now() {
        return DbTimes.now(clock);
    }


    private static Merchant merchant(ResultSet rs, int row) throws SQLException {
        return new Merchant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getInt(7), rs.getLong(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant());
    }
}
