package io.huitong.checkout.internal;

import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.LineItem;
import io.huitong.checkout.domain.SessionStatus;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Checkout sessions in the database. Each read answers the status as of the clock: an open session past expiry is expired. */
final class SessionStore {

    private static final String COLUMNS = "s.id, s.merchant_id, s.status, s.amount, s.currency, s.description, s.line_items,"
            + " s.success_url, s.cancel_url, s.allowed_methods, s.metadata, s.coupon_id, c.code, s.amount_discount, s.attempt,"
            + " s.payment_id, s.payment_method, s.expires_at, s.completed_at, s.created_at";
    private static final String FROM = " from checkout_session s left join coupon c on c.id = s.coupon_id";
    private static final TypeReference<List<LineItem>> LINE_ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    SessionStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    void insert(CheckoutSession s) {
        jdbc.sql("insert into checkout_session (id, merchant_id, status, amount, currency, description, line_items, success_url,"
                        + " cancel_url, allowed_methods, metadata, amount_discount, attempt, expires_at, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)")
                .params(s.id(), s.merchantId(), s.status(), s.amount(), s.currency(), s.description(),
                        s.lineItems().isEmpty() ? null : json.writeValueAsString(s.lineItems()), s.successUrl(), s.cancelUrl(),
                        String.join(",", s.allowedMethods()), s.metadata().isEmpty() ? null : json.writeValueAsString(s.metadata()),
                        DbTimes.at(s.expiresAt()), DbTimes.at(s.createdAt()))
                .update();
    }

    Optional<CheckoutSession> find(String id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where s.id = ?").param(id).query(this::session).optional();
    }

    Optional<CheckoutSession> findOwn(String merchantId, String id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where s.id = ? and s.merchant_id = ?").params(id, merchantId)
                .query(this::session).optional();
    }

    /** The session, its row locked until the transaction ends: payments start on it one at a time. */
    Optional<CheckoutSession> lock(String id) {
        boolean exists = jdbc.sql("select id from checkout_session where id = ? for update").param(id).query(String.class).optional()
                .isPresent();
        return exists ? find(id) : Optional.empty();
    }

    Page<CheckoutSession> list(String merchantId, PageRequest page) {
        PageRequest.Query q = page.byId("select " + COLUMNS + FROM, "s.merchant_id = ?", List.of(merchantId), "s.id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(this::session).list(), page);
    }

    void setCoupon(String id, String couponId, long discount) {
        jdbc.sql("update checkout_session set coupon_id = ?, amount_discount = ? where id = ? and status = 'open'")
                .params(couponId, discount, id).update();
    }

    /** The payment of the session's current attempt, by the method the payer chose on the page (null: keep the one known). */
    void recordPayment(String id, String merchantId, int attempt, String paymentId, String method) {
        jdbc.sql("update checkout_session set payment_id = ?, payment_method = coalesce(?, payment_method) where id = ?"
                        + " and merchant_id = ? and attempt = ? and status <> 'complete'")
                .params(paymentId, method, id, merchantId, attempt).update();
    }

    /** The attempt's payment succeeded: the session is complete (even when it had expired: the money was taken). */
    boolean complete(String id, String merchantId, String paymentId, String method, Instant at) {
        return jdbc.sql("update checkout_session set status = 'complete', payment_id = ?, payment_method = coalesce(payment_method, ?),"
                        + " completed_at = ? where id = ? and merchant_id = ? and status <> 'complete'")
                .params(paymentId, method, DbTimes.at(at), id, merchantId).update() == 1;
    }

    /** The attempt's payment failed or was canceled: the next payment is a new attempt, under a new key. */
    boolean nextAttempt(String id, String merchantId, int attempt) {
        return jdbc.sql("update checkout_session set attempt = attempt + 1 where id = ? and merchant_id = ? and attempt = ?"
                + " and status <> 'complete'").params(id, merchantId, attempt).update() == 1;
    }

    private CheckoutSession session(ResultSet rs, int row) throws SQLException {
        Instant expiresAt = DbTimes.instant(rs, 18);
        String status = SessionStatus.of(rs.getString(3)).at(DbTimes.now(clock), expiresAt).wireName();
        String lineItems = rs.getString(7);
        String metadata = rs.getString(11);
        return new CheckoutSession(rs.getString(1), rs.getString(2), status, rs.getLong(4), rs.getString(5), rs.getString(6),
                lineItems == null ? List.of() : json.readValue(lineItems, LINE_ITEMS), rs.getString(8), rs.getString(9),
                Arrays.asList(rs.getString(10).split(",")), metadata == null ? Map.of() : json.readValue(metadata, METADATA),
                rs.getString(12), rs.getString(13), rs.getLong(14), rs.getInt(15), rs.getString(16), rs.getString(17), expiresAt,
                DbTimes.instant(rs, 19), DbTimes.instant(rs, 20));
    }
}
