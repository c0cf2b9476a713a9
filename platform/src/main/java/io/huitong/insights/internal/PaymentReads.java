package io.huitong.insights.internal;

import io.huitong.insights.PaymentPage;
import io.huitong.insights.PaymentQuery;
import io.huitong.insights.PaymentRow;
import io.huitong.insights.PaymentTimeline;
import io.huitong.kernel.DbTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads of the payment table (and of refunds, risk decisions and ledger transfers for a timeline) for the dashboard.
 * A search reads newest first by id, which sorts by creation time, as {@code GET /v1/payments} does; the filters use
 * the indexes of V71 ({@code payment_merchant_method}, {@code payment_merchant_last4}, {@code payment_merchant_created})
 * and the platform's {@code (merchant_id, id)} and {@code (merchant_id, status, id)}.
 */
class PaymentReads {

    static final String ROW_COLUMNS = "id, created_at, amount, currency, status, method_type, card_brand, card_last4, payer_last4,"
            + " description, amount_received, amount_refunded";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    PaymentReads(JdbcClient jdbc, JdbcTemplate streaming, TransactionTemplate readOnly) {
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.readOnly = readOnly;
    }

    /** The statement's {@code where} and its parameters for a merchant's payments matching {@code q}. */
    record Where(String sql, List<Object> params) {
    }

    static Where where(String merchantId, PaymentQuery q, boolean withCursor) {
        List<String> conditions = new ArrayList<>(List.of("merchant_id = ?"));
        List<Object> params = new ArrayList<>(List.of(merchantId));
        if (q.status() != null) {
            conditions.add("status = ?");
            params.add(q.status());
        }
        if (q.method() != null) {
            conditions.add("method_type = ?");
            params.add(q.method());
        }
        if (q.amountGte() != null) {
            conditions.add("amount >= ?");
            params.add(q.amountGte());
        }
        if (q.amountLte() != null) {
            conditions.add("amount <= ?");
            params.add(q.amountLte());
        }
        if (q.createdGte() != null) {
            conditions.add("created_at >= ?");
            params.add(DbTimes.at(q.createdGte()));
        }
        if (q.createdLte() != null) {
            conditions.add("created_at <= ?");
            params.add(DbTimes.at(q.createdLte()));
        }
        if (q.cardLast4() != null) {
            conditions.add("card_last4 = ?");
            params.add(q.cardLast4());
        }
        if (q.reference() != null) {
            if (q.reference().startsWith("pay_")) {
                conditions.add("id = ?");
                params.add(q.reference());
            } else {
                conditions.add("(description = ? or metadata like ? escape '!')");
                params.add(q.reference());
                params.add("%:" + likeEscaped(jsonString(q.reference())) + "%");
            }
        }
        if (withCursor && q.startingAfter() != null) {
            conditions.add("id < ?");
            params.add(q.startingAfter());
        }
        return new Where(String.join(" and ", conditions), params);
    }

    PaymentPage search(String merchantId, PaymentQuery q) {
        Where w = where(merchantId, q, true);
        List<Object> params = new ArrayList<>(w.params());
        params.add(q.limit() + 1);
        List<PaymentRow> rows = jdbc.sql("select " + ROW_COLUMNS + " from payment where " + w.sql() + " order by id desc limit ?")
                .params(params).query(PaymentReads::row).list();
        boolean more = rows.size() > q.limit();
        return new PaymentPage(more ? rows.subList(0, q.limit()) : rows, more);
    }

    /**
     * Hands every matching payment to {@code sink}, newest first, as the database returns them: the statement runs in a
     * read-only transaction with a fetch size, so PostgreSQL sends rows in batches through a cursor rather than all at once.
     */
    void each(String merchantId, PaymentQuery q, Consumer<PaymentRow> sink) {
        Where w = where(merchantId, q, false);
        readOnly.executeWithoutResult(status -> streaming.query(
                "select " + ROW_COLUMNS + " from payment where " + w.sql() + " order by id desc",
                (ResultSet rs) -> sink.accept(row(rs, 0)), w.params().toArray()));
    }

    static PaymentRow row(ResultSet rs, int n) throws SQLException {
        return new PaymentRow(rs.getString(1), DbTimes.instant(rs, 2), rs.getLong(3), rs.getString(4).trim(), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getLong(12));
    }

    /** The timeline of the merchant's payment; empty for another merchant's or an unknown id. */
    Optional<PaymentTimeline> timeline(String merchantId, String paymentId) {
        record Extra(String channel, String channelReference, String authorizationCode, String riskDecision, Integer riskScore,
                     String riskReasons, java.time.Instant updatedAt) {
        }
        record Found(PaymentRow row, Extra extra) {
        }
        Optional<Found> found = jdbc.sql("select " + ROW_COLUMNS + ", channel, channel_reference, authorization_code, risk_decision,"
                        + " risk_score, risk_reasons, updated_at from payment where id = ? and merchant_id = ?")
                .params(paymentId, merchantId)
                .query((rs, n) -> new Found(row(rs, n), new Extra(rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                        rs.getObject(17, Integer.class), rs.getString(18), DbTimes.instant(rs, 19))))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PaymentRow p = found.get().row();
        Extra x = found.get().extra();
        List<PaymentTimeline.RefundLine> refunds = jdbc.sql("select id, amount, currency, status, reason, failure_code, created_at, updated_at"
                        + " from refund where payment_id = ? and merchant_id = ? order by id")
                .params(paymentId, merchantId)
                .query((rs, n) -> new PaymentTimeline.RefundLine(rs.getString(1), rs.getLong(2), rs.getString(3).trim(), rs.getString(4),
                        rs.getString(5), rs.getString(6), DbTimes.instant(rs, 7), DbTimes.instant(rs, 8)))
                .list();
        // transfer ids derive from the payment and its refunds (payments' MerchantAccounts): read by primary key
        List<String> transferIds = new ArrayList<>(List.of(paymentId + ":auth", paymentId + ":capture", paymentId + ":capture_after_expiry",
                paymentId + ":fee", paymentId + ":release"));
        refunds.forEach(r -> transferIds.add(r.id()));
        record Transfer(String id, String kind, String code, String debit, String credit, long amount, String currency, java.time.Instant at) {
        }
        List<Transfer> transfers = jdbc.sql("select id, kind, code, debit_account_id, credit_account_id, amount, currency, created_at"
                        + " from ledger_transfer where id in (" + String.join(", ", java.util.Collections.nCopies(transferIds.size(), "?")) + ")")
                .params(new ArrayList<Object>(transferIds))
                .query((rs, n) -> new Transfer(rs.getString(1), lower(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getString(7).trim(), DbTimes.instant(rs, 8)))
                .list().stream().sorted(Comparator.comparing(Transfer::at).thenComparing(Transfer::id)).toList();
        List<PaymentTimeline.LedgerLine> ledger = new ArrayList<>();
        for (Transfer t : transfers) {
            ledger.add(new PaymentTimeline.LedgerLine(t.id(), t.kind(), t.code(), t.debit(), "debit", t.amount(), t.currency(), t.at()));
            ledger.add(new PaymentTimeline.LedgerLine(t.id(), t.kind(), t.code(), t.credit(), "credit", t.amount(), t.currency(), t.at()));
        }
        Optional<java.time.Instant> riskAt = x.riskDecision() == null ? Optional.empty()
                : jdbc.sql("select min(created_at) from risk_decision where reference = ?").params(paymentId)
                        .query((rs, n) -> Optional.ofNullable(DbTimes.instant(rs, 1))).single();
        List<PaymentTimeline.Event> events = new ArrayList<>();
        events.add(new PaymentTimeline.Event("payment.created", p.createdAt(), null));
        if (x.riskDecision() != null) {
            events.add(new PaymentTimeline.Event("risk." + x.riskDecision(), riskAt.orElse(p.createdAt()), null));
        }
        boolean captured = false;
        for (Transfer t : transfers) {
            String suffix = t.id().startsWith(paymentId + ":") ? t.id().substring(paymentId.length() + 1) : null;
            if (suffix == null) {
                continue;
            }
            switch (suffix) {
                case "auth" -> events.add(new PaymentTimeline.Event("payment.authorized", t.at(), null));
                case "capture", "capture_after_expiry" -> {
                    captured = true;
                    events.add(new PaymentTimeline.Event(transfers.stream().anyMatch(a -> a.id().equals(paymentId + ":auth"))
                            ? "payment.captured" : "payment.succeeded", t.at(), null));
                }
                case "release" -> events.add(new PaymentTimeline.Event("payment.authorization_released", t.at(), null));
                default -> {
                }
            }
        }
        switch (p.status()) {
            case "succeeded" -> {
                if (!captured) {
                    events.add(new PaymentTimeline.Event("payment.succeeded", x.updatedAt(), null));
                }
            }
            case "failed", "canceled" -> events.add(new PaymentTimeline.Event("payment." + p.status(), x.updatedAt(), null));
            default -> {
            }
        }
        for (PaymentTimeline.RefundLine r : refunds) {
            events.add(new PaymentTimeline.Event("refund.created", r.createdAt(), r.id()));
            if (!r.status().equals("pending")) {
                events.add(new PaymentTimeline.Event("refund." + r.status(), r.updatedAt(), r.id()));
            }
        }
        events.sort(Comparator.comparing(PaymentTimeline.Event::at));
        PaymentTimeline.Risk risk = x.riskDecision() == null ? null : new PaymentTimeline.Risk(x.riskDecision(), x.riskScore(),
                x.riskReasons() == null || x.riskReasons().isEmpty() ? List.of() : Arrays.asList(x.riskReasons().split(",")));
        PaymentTimeline.Channel channel = x.channel() == null ? null
                : new PaymentTimeline.Channel(x.channel(), x.channelReference(), x.authorizationCode());
        return Optional.of(new PaymentTimeline(p, events, risk, channel, refunds, ledger));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code text} as a JSON string literal, quotes included, as Jackson writes a metadata value. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code text} for a {@code like ... escape '!'} pattern: its wildcards taken literally. */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
