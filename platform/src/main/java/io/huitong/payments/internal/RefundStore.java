package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.domain.RefundStatus;
import io.huitong.payments.domain.Resolution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Refund rows. Joins the caller's transaction; {@link #lock} holds the row until it ends. */
class RefundStore {

    private static final String COLUMNS = "id, merchant_id, payment_id, amount, currency, status, reason, failure_code,"
            + " channel, idempotency_key, resolve_after, resolve_attempts, created_at, updated_at";

    private final JdbcClient jdbc;

    RefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(RefundRow r) {
        jdbc.sql("insert into refund (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.merchantId(), r.paymentId(), r.money().amount(), r.money().currency(), r.status().wireName(),
                        r.reason(), r.failureCode(), r.channel(), r.idempotencyKey(), DbTimes.at(r.resolution().after()),
                        r.resolution().attempts(), DbTimes.at(r.createdAt()), DbTimes.at(r.updatedAt()))
                .update();
    }

    void update(RefundRow r) {
        jdbc.sql("update refund set status = ?, failure_code = ?, resolve_after = ?, resolve_attempts = ?, updated_at = ? where id = ?")
                .params(r.status().wireName(), r.failureCode(), DbTimes.at(r.resolution().after()), r.resolution().attempts(),
                        DbTimes.at(r.updatedAt()), r.id())
                .update();
    }

    Optional<RefundRow> find(String merchantId, String id) {
        return jdbc.sql("select " + COLUMNS + " from refund where id = ? and merchant_id = ?")
                .params(id, merchantId).query(RefundStore::refund).optional();
    }

    Optional<RefundRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from refund where id = ?").params(id).query(RefundStore::refund).optional();
    }

    Optional<RefundRow> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from refund where id = ? for update").params(id).query(RefundStore::refund).optional();
    }

    Optional<RefundRow> findByIdempotencyKey(String merchantId, String key) {
        return jdbc.sql("select " + COLUMNS + " from refund where merchant_id = ? and idempotency_key = ?")
                .params(merchantId, key).query(RefundStore::refund).optional();
    }

    Page<RefundRow> list(String merchantId, String paymentId, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("merchant_id = ?"));
        List<Object> params = new ArrayList<>(List.of(merchantId));
        if (paymentId != null) {
            where.add("payment_id = ?");
            params.add(paymentId);
        }
        PageRequest.Query q = page.byId("select " + COLUMNS + " from refund", String.join(" and ", where), params, "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(RefundStore::refund).list(), page);
    }

    List<String> unresolved(Instant now, int max) {
        return jdbc.sql("select id from refund where status = 'pending' and resolve_after <= ? order by resolve_after limit ?")
                .params(DbTimes.at(now), max).query(String.class).list();
    }

    private static RefundRow refund(ResultSet rs, int row) throws SQLException {
        return new RefundRow(rs.getString(1), rs.getString(2), rs.getString(3), new Money(rs.getLong(4), rs.getString(5)),
                RefundStatus.fromWire(rs.getString(6)).orElseThrow(), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), new Resolution(DbTimes.instant(rs, 11), rs.getInt(12)), DbTimes.instant(rs, 13),
                DbTimes.instant(rs, 14));
    }
}
