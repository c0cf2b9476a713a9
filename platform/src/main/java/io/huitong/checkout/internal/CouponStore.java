package io.huitong.checkout.internal;

import io.huitong.checkout.Coupon;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Coupons and their redemptions in the database. A redemption is claimed by a guarded update of the coupon's row
 * ({@code claimed < max_redemptions}), which the database runs one at a time per row: of any number of payers at once,
 * exactly as many as are left get one.
 */
final class CouponStore {

    private static final String COLUMNS = "id, merchant_id, code, amount_off, percent_off, currency, minimum_amount, valid_from,"
            + " valid_until, max_redemptions, max_redemptions_per_payer, times_redeemed, created_at, claimed, paused_at";

    /** A coupon and how many redemptions are taken (reserved or made). */
    record Row(Coupon coupon, int claimed) {
    }

    private final JdbcClient jdbc;

    CouponStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Coupon c) {
        jdbc.sql("insert into coupon (id, merchant_id, code, amount_off, percent_off, currency, minimum_amount, valid_from, valid_until,"
                        + " max_redemptions, max_redemptions_per_payer, times_redeemed, created_at, claimed)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0)")
                .params(c.id(), c.merchantId(), c.code(), c.amountOff(), c.percentOff(), c.currency(), c.minimumAmount(),
                        DbTimes.at(c.validFrom()), DbTimes.at(c.validUntil()), c.maxRedemptions(), c.maxRedemptionsPerPayer(),
                        DbTimes.at(c.createdAt()))
                .update();
    }

    boolean codeTaken(String merchantId, String code) {
        return jdbc.sql("select count(*) from coupon where merchant_id = ? and code = ?").params(merchantId, code).query(Long.class)
                .single() > 0;
    }

    Optional<Coupon> find(String merchantId, String id) {
        return jdbc.sql("select " + COLUMNS + " from coupon where id = ? and merchant_id = ?").params(id, merchantId)
                .query(CouponStore::coupon).optional();
    }

    Optional<Row> findByCode(String merchantId, String code) {
        return jdbc.sql("select " + COLUMNS + " from coupon where merchant_id = ? and code = ?").params(merchantId, code)
                .query(CouponStore::row).optional();
    }

    /** The coupon, its row locked until the transaction ends. */
    Row lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from coupon where id = ? for update").param(id).query(CouponStore::row).single();
    }

    Page<Coupon> list(String merchantId, PageRequest page) {
        PageRequest.Query q = page.byId("select " + COLUMNS + " from coupon", "merchant_id = ?", List.of(merchantId), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(CouponStore::coupon).list(), page);
    }

    /** Pauses (at {@code at}) or resumes (null) the merchant's coupon; false when it has no such coupon. */
    boolean setPaused(String merchantId, String id, Instant at) {
        return jdbc.sql("update coupon set paused_at = " + (at == null ? "null" : "coalesce(paused_at, ?)") + " where id = ? and merchant_id = ?")
                .params(at == null ? List.of(id, merchantId) : List.of(DbTimes.at(at), id, merchantId)).update() == 1;
    }

    /** Takes one redemption if any is left; false when the coupon is used up. */
    boolean claim(String couponId) {
        return jdbc.sql("update coupon set claimed = claimed + 1 where id = ? and (max_redemptions is null or claimed < max_redemptions)")
                .param(couponId).update() == 1;
    }

    /** The attempt's redemption, if it has one: its coupon and status. */
    Optional<String> redemptionStatus(String sessionId, int attempt) {
        return jdbc.sql("select status from coupon_redemption where session_id = ? and attempt = ?").params(sessionId, attempt)
                .query(String.class).optional();
    }

    void reserve(String id, String couponId, String sessionId, int attempt, String payer, Instant at) {
        jdbc.sql("insert into coupon_redemption (id, coupon_id, session_id, attempt, payer, status, created_at)"
                        + " values (?, ?, ?, ?, ?, 'reserved', ?)")
                .params(id, couponId, sessionId, attempt, payer, DbTimes.at(at)).update();
    }

    /** Redemptions the payer holds of the coupon (reserved or made), in other sessions than this one. */
    long heldBy(String couponId, String payer, String sessionId) {
        return jdbc.sql("select count(*) from coupon_redemption where coupon_id = ? and payer = ? and session_id <> ?"
                + " and status in ('reserved', 'redeemed')").params(couponId, payer, sessionId).query(Long.class).single();
    }

    /** Names the payer of a redemption reserved before the payer was known (a QR code later paid from a wallet). */
    void namePayer(String sessionId, int attempt, String payer) {
        jdbc.sql("update coupon_redemption set payer = ? where session_id = ? and attempt = ? and payer is null")
                .params(payer, sessionId, attempt).update();
    }

    /** The attempt's payment succeeded: its reserved redemption is made. */
    void redeem(String sessionId, int attempt) {
        jdbc.sql("select coupon_id from coupon_redemption where session_id = ? and attempt = ? and status = 'reserved'")
                .params(sessionId, attempt).query(String.class).optional().ifPresent(couponId -> {
                    jdbc.sql("update coupon_redemption set status = 'redeemed' where session_id = ? and attempt = ?")
                            .params(sessionId, attempt).update();
                    jdbc.sql("update coupon set times_redeemed = times_redeemed + 1 where id = ?").param(couponId).update();
                });
    }

    /** The attempt's payment failed or was canceled: its reserved redemption is given back. */
    void release(String sessionId, int attempt) {
        jdbc.sql("select coupon_id from coupon_redemption where session_id = ? and attempt = ? and status = 'reserved'")
                .params(sessionId, attempt).query(String.class).optional().ifPresent(couponId -> {
                    jdbc.sql("update coupon_redemption set status = 'released' where session_id = ? and attempt = ?")
                            .params(sessionId, attempt).update();
                    jdbc.sql("update coupon set claimed = claimed - 1 where id = ? and claimed > 0").param(couponId).update();
                });
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(coupon(rs, n), rs.getInt(14));
    }

    private static Coupon coupon(ResultSet rs, int n) throws SQLException {
        return new Coupon(rs.getString(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4, Long.class),
                (Integer) rs.getObject(5, Integer.class), rs.getString(6), rs.getObject(7, Long.class), DbTimes.instant(rs, 8),
                DbTimes.instant(rs, 9), rs.getObject(10, Integer.class), rs.getObject(11, Integer.class), rs.getInt(12),
                DbTimes.instant(rs, 13), DbTimes.instant(rs, 15));
    }
}
