package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.PaymentFilter;
import io.huitong.payments.domain.Amounts;
import io.huitong.payments.domain.Answer;
import io.huitong.payments.domain.CaptureMethod;
import io.huitong.payments.domain.CardDetails;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.Intent;
import io.huitong.payments.domain.OrderDetails;
import io.huitong.payments.domain.PaymentMethod;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.Resolution;
import io.huitong.payments.domain.RiskVerdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Payment rows. Joins the caller's transaction; {@code lock...} methods hold the row until it ends. */
class PaymentStore {

    private static final String COLUMNS = "id, merchant_id, amount, currency, status, capture_method, amount_capturable,"
            + " amount_received, amount_refunded, fee, method_type, card_brand, card_last4, card_exp_month, card_exp_year,"
            + " card_sealed, channel, authorization_code, action_token, failure_code, failure_message, description, metadata,"
            + " idempotency_key, resolve_after, resolve_attempts, created_at, updated_at, payer_bank_code, payer_last4, payer_name,"
            + " channel_reference, qr_payload, action_expires_at, risk_decision, risk_score, risk_reasons, request_fingerprint, request_id,"
            + " answer_status";
    private static final String INSERT = "insert into payment (" + COLUMNS + ", answer_body) values ("
            + String.join(", ", Collections.nCopies(41, "?")) + ")";
    private static final String UPDATE = "update payment set status = ?, amount_capturable = ?, amount_received = ?,"
            + " amount_refunded = ?, fee = ?, channel = ?, authorization_code = ?, action_token = ?, failure_code = ?,"
            + " failure_message = ?, resolve_after = ?, resolve_attempts = ?, updated_at = ?, channel_reference = ?, qr_payload = ?,"
            + " action_expires_at = ?, answer_status = ?, answer_body = coalesce(?, answer_body) where id = ?";
    private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    PaymentStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    void insert(PaymentRecord p) {
        jdbc.sql(INSERT).params(insertParams(p)).update();
    }

    /** Writes new payments in one statement; a duplicate idempotency key fails them all (nothing is written). */
    void insertAll(List<PaymentRecord> payments) {
        batch.batchUpdate(INSERT, payments.stream().map(this::insertParams).toList());
    }

    private Object[] insertParams(PaymentRecord p) {
        Amounts a = p.amounts();
        CardDetails c = p.card();
        OrderDetails o = p.order();
        RiskVerdict r = p.risk();
        return new Object[] {p.id(), p.merchantId(), a.amount(), a.currency(), p.status().wireName(), p.capture().wireName(),
                a.capturable(), a.received(), a.refunded(), a.fee(), p.method().wireName(), c == null ? null : c.brand(),
                c == null ? null : c.last4(), c == null ? null : c.expMonth(), c == null ? null : c.expYear(), p.sealedAccount(),
                p.channel().name(), p.channel().authorizationCode(), p.actionToken(), p.failure().code(), p.failure().message(),
                p.intent().description(), metadataJson(p.intent().metadata()), p.intent().idempotencyKey(),
                DbTimes.at(p.resolution().after()), p.resolution().attempts(), DbTimes.at(p.createdAt()), DbTimes.at(p.updatedAt()),
                o.payerBankCode(), o.payerLast4(), o.payerName(), o.channelReference(), o.qrPayload(), DbTimes.at(o.expiresAt()),
                r == null ? null : r.decision().wireName(), r == null ? null : r.score(),
                r == null ? null : String.join(",", r.reasons()), p.intent().requestFingerprint(), p.intent().requestId(),
                p.answer().status(), p.answer().body()};
    }

    /** Writes back everything a payment's life can change. */
    void update(PaymentRecord p) {
        if (jdbc.sql(UPDATE).params(updateParams(p)).update() != 1) {
            throw new IllegalStateException("payment " + p.id() + " vanished while being updated");
        }
    }

    /** Writes back several payments in one round trip. */
    void updateAll(List<PaymentRecord> payments) {
        if (payments.isEmpty()) {
            return;
        }
        int[] counts = batch.batchUpdate(UPDATE, payments.stream().map(PaymentStore::updateParams).toList());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new IllegalStateException("payment " + payments.get(i).id() + " vanished while being updated");
            }
        }
    }

    private static Object[] updateParams(PaymentRecord p) {
        Amounts a = p.amounts();
        return new Object[] {p.status().wireName(), a.capturable(), a.received(), a.refunded(), a.fee(), p.channel().name(),
                p.channel().authorizationCode(), p.actionToken(), p.failure().code(), p.failure().message(),
                DbTimes.at(p.resolution().after()), p.resolution().attempts(), DbTimes.at(p.updatedAt()), p.order().channelReference(),
                p.order().qrPayload(), DbTimes.at(p.order().expiresAt()), p.answer().status(), p.answer().body(), p.id()};
    }

    /** The payments, locked until the transaction ends, in id order (so batches never wait on each other in a circle). */
    List<PaymentRecord> lockAll(List<String> ids) {
        List<String> sorted = ids.stream().sorted().toList();
        return jdbc.sql("select " + COLUMNS + " from payment where id = any(?) order by id for update")
                .param(sorted.toArray(String[]::new)).query(this::payment).list();
    }

    /** The payment, locked until the transaction ends. Must run inside a transaction. */
    Optional<PaymentRecord> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = ? for update").params(id).query(this::payment).optional();
    }

    Optional<PaymentRecord> find(String merchantId, String id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = ? and merchant_id = ?")
                .params(id, merchantId).query(this::payment).optional();
    }

    Optional<PaymentRecord> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = ?").params(id).query(this::payment).optional();
    }

    Optional<PaymentRecord> findByIdempotencyKey(String merchantId, String key) {
        return jdbc.sql("select " + COLUMNS + " from payment where merchant_id = ? and idempotency_key = ?")
                .params(merchantId, key).query(this::payment).optional();
    }

    /** The body of the 201 the request that created the payment answered, as it was sent. */
    Optional<String> answerBody(String paymentId) {
        return jdbc.sql("select answer_body from payment where id = ?").params(paymentId).query(String.class).optional();
    }

    Page<PaymentRecord> list(String merchantId, PaymentFilter filter, PageRequest page) {
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
        if (filter.method() != null) {
            where.add("method_type = ?");
            params.add(filter.method());
        }
        if (filter.amountGte() != null) {
            where.add("amount >= ?");
            params.add(filter.amountGte());
        }
        if (filter.amountLte() != null) {
            where.add("amount <= ?");
            params.add(filter.amountLte());
        }
        if (filter.cardLast4() != null) {
            where.add("card_last4 = ?");
            params.add(filter.cardLast4());
        }
        if (filter.reference() != null) {
            // a payment id, else the merchant's own reference: the whole description, or a metadata value (JSON text)
            if (filter.reference().startsWith("pay_")) {
                where.add("id = ?");
                params.add(filter.reference());
            } else {
                where.add("(description = ? or metadata like ? escape '!')");
                params.add(filter.reference());
                params.add("%:" + json.writeValueAsString(filter.reference()).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
        }
        PageRequest.Query q = page.byId("select " + COLUMNS + " from payment", String.join(" and ", where), params, "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(this::payment).list(), page);
    }

    /** Payments whose outcome is unknown and due for another look. */
    List<String> unresolved(Instant now, int max) {
        return jdbc.sql("select id from payment where status in ('processing', 'requires_action') and resolve_after <= ?"
                        + " order by resolve_after limit ?")
                .params(DbTimes.at(now), max).query(String.class).list();
    }

    private PaymentRecord payment(ResultSet rs, int row) throws SQLException {
        Money requested = new Money(rs.getLong(3), rs.getString(4));
        Amounts amounts = new Amounts(requested, rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
        PaymentMethod method = PaymentMethod.fromWire(rs.getString(11)).orElseThrow();
        CardDetails card = !method.isCard() ? null
                : new CardDetails(rs.getString(12), rs.getString(13), rs.getObject(14, Integer.class), rs.getObject(15, Integer.class));
        OrderDetails order = new OrderDetails(rs.getString(29), rs.getString(30), rs.getString(31), rs.getString(32), rs.getString(33),
                DbTimes.instant(rs, 34));
        return new PaymentRecord(rs.getString(1), rs.getString(2), PaymentStatus.fromWire(rs.getString(5)).orElseThrow(),
                method, CaptureMethod.fromWire(rs.getString(6)).orElseThrow(), amounts, card,
                order, new ChannelRef(rs.getString(17), rs.getString(18)), rs.getString(16), rs.getString(19),
                new Failure(rs.getString(20), rs.getString(21)), risk(rs),
                new Intent(rs.getString(22), metadata(rs.getString(23)), rs.getString(24), rs.getString(38), rs.getString(39)),
                new Resolution(DbTimes.instant(rs, 25), rs.getInt(26)), DbTimes.instant(rs, 27), DbTimes.instant(rs, 28),
                new Answer(rs.getObject(40, Integer.class), null));
    }

    private static RiskVerdict risk(ResultSet rs) throws SQLException {
        String decision = rs.getString(35);
        if (decision == null) {
            return null;
        }
        String reasons = rs.getString(37);
        return new RiskVerdict(RiskVerdict.Decision.fromWire(decision).orElseThrow(), rs.getInt(36),
                reasons == null || reasons.isEmpty() ? List.of() : List.of(reasons.split(",")));
    }

    private String metadataJson(Map<String, String> metadata) {
        return metadata == null || metadata.isEmpty() ? null : json.writeValueAsString(metadata);
    }

    private Map<String, String> metadata(String text) {
        return text == null ? Map.of() : json.readValue(text, METADATA);
    }
}
