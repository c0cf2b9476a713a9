package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.PaymentFilter;
import io.huitong.payments.domain.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Payment and refund rows. Joins the caller's transaction; {@code lock...} methods hold the row until it ends. */
class PaymentStore {

    private static final String PAYMENT_COLUMNS = "id, merchant_id, amount, currency, status, capture_method, amount_capturable,"
            + " amount_received, amount_refunded, fee, method_type, card_brand, card_last4, card_exp_month, card_exp_year,"
            + " card_sealed, channel, authorization_code, action_token, failure_code, failure_message, description, metadata,"
            + " idempotency_key, resolve_after, resolve_attempts, created_at, updated_at, payer_bank_code, payer_last4, payer_name,"
            + " channel_reference, qr_payload, action_expires_at, risk_decision, risk_score, risk_reasons";
    private static final String REFUND_COLUMNS = "id, merchant_id, payment_id, amount, currency, status, reason, failure_code,"
            + " channel, idempotency_key, resolve_after, resolve_attempts, created_at, updated_at";
    private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final JsonMapper json;

    PaymentStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    private static final String INSERT_PAYMENT = "insert into payment (" + PAYMENT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    void insert(PaymentRow p) {
        jdbc.sql(INSERT_PAYMENT).params(insertParams(p)).update();
    }

    private Object[] insertParams(PaymentRow p) {
        PaymentRow.OrderInfo o = p.orderOrEmpty();
        return new Object[] {p.id(), p.merchantId(), p.amount(), p.currency(), p.status().wireName(), p.captureMethod(),
                p.amountCapturable(), p.amountReceived(), p.amountRefunded(), p.fee(), p.methodType(), p.cardBrand(),
                p.cardLast4(), p.cardExpMonth(), p.cardExpYear(), p.cardSealed(), p.channel(), p.authorizationCode(),
                p.actionToken(), p.failureCode(), p.failureMessage(), p.description(), metadataJson(p.metadata()),
                p.idempotencyKey(), DbTimes.at(p.resolveAfter()), p.resolveAttempts(), DbTimes.at(p.createdAt()), DbTimes.at(p.updatedAt()),
                o.payerBankCode(), o.payerLast4(), o.payerName(), o.channelReference(), o.qrPayload(), DbTimes.at(o.expiresAt()),
                p.risk() == null ? null : p.risk().decision(), p.risk() == null ? null : p.risk().score(),
                p.risk() == null ? null : String.join(",", p.risk().reasons())};
    }

    private static final String UPDATE_PAYMENT = "update payment set status = ?, amount_capturable = ?, amount_received = ?,"
            + " amount_refunded = ?, fee = ?, channel = ?, authorization_code = ?, action_token = ?, failure_code = ?,"
            + " failure_message = ?, resolve_after = ?, resolve_attempts = ?, updated_at = ?, channel_reference = ?, qr_payload = ?,"
            + " action_expires_at = ? where id = ?";

    /** Writes back everything a payment's life can change. */
    void update(PaymentRow p) {
        int rows = jdbc.sql(UPDATE_PAYMENT)
                .params(p.status().wireName(), p.amountCapturable(), p.amountReceived(), p.amountRefunded(), p.fee(), p.channel(),
                        p.authorizationCode(), p.actionToken(), p.failureCode(), p.failureMessage(), DbTimes.at(p.resolveAfter()),
                        p.resolveAttempts(), DbTimes.at(p.updatedAt()), p.orderOrEmpty().channelReference(), p.orderOrEmpty().qrPayload(),
                        DbTimes.at(p.orderOrEmpty().expiresAt()), p.id())
                .update();
        if (rows != 1) {
            throw new IllegalStateException("payment " + p.id() + " vanished while being updated");
        }
    }

    /** Writes back several payments in one round trip. */
    void updateAll(List<PaymentRow> payments) {
        if (payments.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (PaymentRow p : payments) {
            rows.add(new Object[] {p.status().wireName(), p.amountCapturable(), p.amountReceived(), p.amountRefunded(), p.fee(),
                    p.channel(), p.authorizationCode(), p.actionToken(), p.failureCode(), p.failureMessage(), DbTimes.at(p.resolveAfter()),
                    p.resolveAttempts(), DbTimes.at(p.updatedAt()), p.orderOrEmpty().channelReference(), p.orderOrEmpty().qrPayload(),
                    DbTimes.at(p.orderOrEmpty().expiresAt()), p.id()});
        }
        int[] counts = batch.batchUpdate(UPDATE_PAYMENT, rows);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new IllegalStateException("payment " + payments.get(i).id() + " vanished while being updated");
            }
        }
    }

    /** The payments, locked until the transaction ends, in id order (so batches never wait on each other in a circle). */
    List<PaymentRow> lockPayments(List<String> ids) {
        List<String> sorted = ids.stream().sorted().toList();
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payment where id in ("
                        + String.join(", ", java.util.Collections.nCopies(sorted.size(), "?")) + ") order by id for update")
                .params(new ArrayList<Object>(sorted)).query(this::payment).list();
    }

    Optional<PaymentRow> payment(String merchantId, String id) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payment where id = ? and merchant_id = ?")
                .params(id, merchantId).query(this::payment).optional();
    }

    Optional<PaymentRow> paymentById(String id) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payment where id = ?")
                .params(id).query(this::payment).optional();
    }

    /** The payment, locked until the transaction ends. Must run inside a transaction. */
    Optional<PaymentRow> lockPayment(String id) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payment where id = ? for update")
                .params(id).query(this::payment).optional();
    }

    Optional<PaymentRow> paymentByIdempotencyKey(String merchantId, String key) {
        return jdbc.sql("select " + PAYMENT_COLUMNS + " from payment where merchant_id = ? and idempotency_key = ?")
                .params(merchantId, key).query(this::payment).optional();
    }

    Page<PaymentRow> payments(String merchantId, PaymentFilter filter, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("merchant_id = ?"));
        List<Object> params = new ArrayList<>(List.of(merchantId));
        if (filter.status() != null) {
            where.add("status = ?");
            params.add(filter.status());
        }
        if (filter.createdGte() != null) {
            where.add("created_at >= ?");
            params.add(DbTimes.at(filter.createdGte()));
        }
        if (filter.createdLte() != null) {
            where.add("created_at <= ?");
            params.add(DbTimes.at(filter.createdLte()));
        }
        return page("select " + PAYMENT_COLUMNS + " from payment", where, params, page, this::payment);
    }

    /** Payments whose outcome is unknown and due for another look. */
    List<String> unresolvedPayments(Instant now, int max) {
        return jdbc.sql("select id from payment where status in ('processing', 'requires_action') and resolve_after <= ? order by resolve_after limit ?")
                .params(DbTimes.at(now), max).query(String.class).list();
    }

    void insert(RefundRow r) {
        jdbc.sql("insert into refund (" + REFUND_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.merchantId(), r.paymentId(), r.amount(), r.currency(), r.status(), r.reason(), r.failureCode(),
                        r.channel(), r.idempotencyKey(), DbTimes.at(r.resolveAfter()), r.resolveAttempts(), DbTimes.at(r.createdAt()),
                        DbTimes.at(r.updatedAt()))
                .update();
    }

    void update(RefundRow r) {
        jdbc.sql("update refund set status = ?, failure_code = ?, resolve_after = ?, resolve_attempts = ?, updated_at = ? where id = ?")
                .params(r.status(), r.failureCode(), DbTimes.at(r.resolveAfter()), r.resolveAttempts(), DbTimes.at(r.updatedAt()), r.id())
                .update();
    }

    Optional<RefundRow> refund(String merchantId, String id) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refund where id = ? and merchant_id = ?")
                .params(id, merchantId).query(PaymentStore::refund).optional();
    }

    Optional<RefundRow> refundById(String id) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refund where id = ?")
                .params(id).query(PaymentStore::refund).optional();
    }

    Optional<RefundRow> lockRefund(String id) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refund where id = ? for update")
                .params(id).query(PaymentStore::refund).optional();
    }

    Optional<RefundRow> refundByIdempotencyKey(String merchantId, String key) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refund where merchant_id = ? and idempotency_key = ?")
                .params(merchantId, key).query(PaymentStore::refund).optional();
    }

    Page<RefundRow> refunds(String merchantId, String paymentId, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("merchant_id = ?"));
        List<Object> params = new ArrayList<>(List.of(merchantId));
        if (paymentId != null) {
            where.add("payment_id = ?");
            params.add(paymentId);
        }
        return page("select " + REFUND_COLUMNS + " from refund", where, params, page, PaymentStore::refund);
    }

    List<String> unresolvedRefunds(Instant now, int max) {
        return jdbc.sql("select id from refund where status = 'pending' and resolve_after <= ? order by resolve_after limit ?")
                .params(DbTimes.at(now), max).query(String.class).list();
    }

    private <T> Page<T> page(String select, List<String> where, List<Object> params, PageRequest page,
                             org.springframework.jdbc.core.RowMapper<T> mapper) {
        PageRequest.Query q = page.byId(select, String.join(" and ", where), params, "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(mapper).list(), page);
    }

    private PaymentRow payment(ResultSet rs, int row) throws SQLException {
        return new PaymentRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                PaymentStatus.fromWire(rs.getString(5)).orElseThrow(), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), rs.getString(11), rs.getString(12), rs.getString(13), (Integer) rs.getObject(14, Integer.class),
                (Integer) rs.getObject(15, Integer.class), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                rs.getString(20), rs.getString(21), rs.getString(22), metadata(rs.getString(23)), rs.getString(24), DbTimes.instant(rs, 25),
                rs.getInt(26), DbTimes.instant(rs, 27), DbTimes.instant(rs, 28), PaymentRow.OrderInfo.of(rs.getString(29), rs.getString(30),
                rs.getString(31), rs.getString(32), rs.getString(33), DbTimes.instant(rs, 34)), risk(rs));
    }

    private static PaymentRow.RiskInfo risk(ResultSet rs) throws SQLException {
        String decision = rs.getString(35);
        if (decision == null) {
            return null;
        }
        String reasons = rs.getString(37);
        return new PaymentRow.RiskInfo(decision, rs.getInt(36),
                reasons == null || reasons.isEmpty() ? List.of() : List.of(reasons.split(",")));
    }

    private static RefundRow refund(ResultSet rs, int row) throws SQLException {
        return new RefundRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), DbTimes.instant(rs, 11), rs.getInt(12), DbTimes.instant(rs, 13),
                DbTimes.instant(rs, 14));
    }

    private String metadataJson(Map<String, String> metadata) {
        return metadata == null || metadata.isEmpty() ? null : json.writeValueAsString(metadata);
    }

    private Map<String, String> metadata(String text) {
        return text == null ? Map.of() : json.readValue(text, METADATA);
    }

}
