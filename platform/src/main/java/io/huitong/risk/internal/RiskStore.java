package io.huitong.risk.internal;

import io.huitong.risk.RiskAdmin;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskRequest;
import io.huitong.risk.RiskRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Risk control's tables (V14). */
class RiskStore {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    RiskStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    // ---- rules ----

    Optional<Integer> currentVersion() {
        return jdbc.sql("select max(version) from risk_rule_version").query((rs, n) -> (Integer) rs.getObject(1)).optional();
    }

    Optional<RiskAdmin.RuleSet> ruleSet(int version) {
        return jdbc.sql("select version, change_note, created_by, created_at from risk_rule_version where version = ?").param(version)
                .query((rs, n) -> new RiskAdmin.RuleSet(rs.getInt(1), rs.getString(2), rs.getString(3), instant(rs, 4), rules(version)))
                .optional();
    }

    List<RiskAdmin.RuleSet> versions(int limit) {
        List<Integer> numbers = jdbc.sql("select version from risk_rule_version order by version desc limit ?").param(limit)
                .query(Integer.class).list();
        return numbers.stream().map(v -> ruleSet(v).orElseThrow()).toList();
    }

    private List<RiskRule> rules(int version) {
        return jdbc.sql("select id, name, expression, action, score, enabled, mode from risk_rule where version = ? order by rule_position")
                .param(version)
                .query((rs, n) -> new RiskRule(rs.getString(1), rs.getString(2), rs.getString(3),
                        RiskDecision.Outcome.fromWire(rs.getString(4)), rs.getInt(5), rs.getBoolean(6), rs.getString(7)))
                .list();
    }

    /** Writes a new version; a version another operator wrote meanwhile fails on the primary key. */
    void insertVersion(int version, String change, String by, Instant at, List<RiskRule> rules) {
        jdbc.sql("insert into risk_rule_version (version, change_note, created_by, created_at) values (?, ?, ?, ?)")
                .params(version, change, by, ts(at)).update();
        int position = 0;
        for (RiskRule r : rules) {
            jdbc.sql("insert into risk_rule (version, rule_position, id, name, expression, action, score, enabled, mode)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(version, position++, r.id(), r.name(), r.expression(), r.action().wireName(), r.score(), r.enabled(), r.mode())
                    .update();
        }
    }

    // ---- lists ----

    List<RiskAdmin.ListEntry> listEntries(String type) {
        return jdbc.sql("select id, list_type, entry_value, action, reason, created_by, created_at from risk_list_entry"
                        + (type == null ? "" : " where list_type = ?") + " order by created_at desc, id desc")
                .params(type == null ? List.of() : List.of(type))
                .query((rs, n) -> new RiskAdmin.ListEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), instant(rs, 7)))
                .list();
    }

    void insertEntry(RiskAdmin.ListEntry e) {
        jdbc.sql("insert into risk_list_entry (id, list_type, entry_value, action, reason, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.type(), e.value(), e.action(), e.reason(), e.createdBy(), ts(e.createdAt())).update();
    }

    boolean deleteEntry(String type, String id) {
        return jdbc.sql("delete from risk_list_entry where list_type = ? and id = ?").params(type, id).update() > 0;
    }

    // ---- decisions and dry runs ----

    /** The decisions of a consumer or a card ({@code column} = {@code value}), newest first. */
    io.huitong.kernel.Page<RiskAdmin.Decision> decisions(String column, String value, io.huitong.kernel.PageRequest page) {
        return page("select " + DECISION_COLUMNS + " from risk_decision", column, value, page, RiskStore::decision);
    }

    /** Every decision on one movement, newest first (few: one, or one more on confirmation). */
    io.huitong.kernel.Page<RiskAdmin.Decision> decisionsOf(String reference, io.huitong.kernel.PageRequest page) {
        List<RiskAdmin.Decision> all = jdbc.sql("select " + DECISION_COLUMNS + " from risk_decision where reference = ?"
                        + " order by created_at desc, id desc limit ?")
                .params(reference, page.limit() + 1).query(RiskStore::decision).list();
        return io.huitong.kernel.Page.fromRows(all, page.limit(), false); // a movement has few decisions: no cursor
    }

    private static RiskAdmin.Decision decision(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String reasons = rs.getString(13);
        return new RiskAdmin.Decision(rs.getString(1), "risk_decision", rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getString(11), rs.getInt(12),
                reasons == null || reasons.isEmpty() ? List.of() : List.of(reasons.split(",")), rs.getInt(14), instant(rs, 15));
    }

    Optional<String> cardFingerprintOf(String reference) {
        return jdbc.sql("select card_fingerprint from risk_decision where reference = ? and card_fingerprint is not null"
                        + " order by created_at desc limit 1")
                .param(reference).query(String.class).optional();
    }

    private static final String DECISION_COLUMNS = "id, reference, kind, merchant_id, user_id, card_fingerprint, device_id, ip, amount,"
            + " currency, decision, score, reasons, rule_version, created_at";

    /** Writes decisions in one batch (one round trip), in the caller's transaction if it has one. */
    void insertDecisions(List<io.huitong.risk.Assessment> assessments) {
        if (assessments.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (io.huitong.risk.Assessment a : assessments) {
            RiskRequest r = a.request();
            RiskDecision d = a.decision();
            rows.add(new Object[] {a.id(), r.reference(), r.kind(), r.merchantId(), r.userId(), d.cardFingerprint(), r.context().deviceId(),
                    r.context().ip(), r.amount(), r.currency(), d.outcome().wireName(), d.score(), String.join(",", d.reasons()),
                    d.ruleVersion(), ts(r.at())});
        }
        batch.batchUpdate("insert into risk_decision (" + DECISION_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    void insertDryRunHits(List<RiskAdmin.DryRunHit> hits) {
        hits.forEach(this::insertDryRunHit);
    }

    List<RiskAdmin.HistoryItem> history(String cardFingerprint, String userId, String except, int limit) {
        if (cardFingerprint == null && userId == null) {
            return List.of();
        }
        String where = cardFingerprint != null && userId != null ? "(card_fingerprint = ? or user_id = ?)"
                : cardFingerprint != null ? "card_fingerprint = ?" : "user_id = ?";
        List<Object> params = new ArrayList<>();
        if (cardFingerprint != null) {
            params.add(cardFingerprint);
        }
        if (userId != null) {
            params.add(userId);
        }
        params.add(except);
        params.add(limit);
        return jdbc.sql("select reference, kind, merchant_id, amount, currency, decision, score, reasons, created_at from risk_decision"
                        + " where " + where + " and reference <> ? order by id desc limit ?")
                .params(params)
                .query((rs, n) -> new RiskAdmin.HistoryItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), reasons(rs.getString(8)), instant(rs, 9)))
                .list();
    }

    void insertDryRunHit(RiskAdmin.DryRunHit h) {
        jdbc.sql("insert into risk_dry_run_hit (id, rule_id, rule_version, action, reference, kind, amount, currency, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(h.id(), h.rule(), h.ruleVersion(), h.action(), h.reference(), h.kind(), h.amount(), h.currency(), ts(h.createdAt()))
                .update();
    }

    io.huitong.kernel.Page<RiskAdmin.DryRunHit> dryRunHits(String ruleId, io.huitong.kernel.PageRequest page) {
        return page("select id, rule_id, rule_version, action, reference, kind, amount, currency, created_at from risk_dry_run_hit",
                "rule_id", ruleId, page, (rs, n) -> new RiskAdmin.DryRunHit(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), instant(rs, 9)));
    }

    /**
     * A page of {@code select}'s rows, newest first: ids grow with time, so the id orders them and is the cursor;
     * {@code column = value} filters when the value is given.
     */
    private <T> io.huitong.kernel.Page<T> page(String select, String column, String value, io.huitong.kernel.PageRequest page,
                                               org.springframework.jdbc.core.RowMapper<T> mapper) {
        io.huitong.kernel.PageRequest.Query q = page.byId(select, value == null ? "" : column + " = ?",
                value == null ? List.of() : List.of(value), "id");
        return io.huitong.kernel.Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(mapper).list(), page);
    }

    // ---- reviews ----

    private static final String REVIEW_COLUMNS = "id, reference, kind, merchant_id, user_id, amount, currency, score, reasons, status,"
            + " decided_by, decided_at, created_at, card_fingerprint";

    void insertReview(RiskAdmin.ReviewCase c, String cardFingerprint) {
        jdbc.sql("insert into risk_review (" + REVIEW_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.reference(), c.kind(), c.merchantId(), c.userId(), c.amount(), c.currency(), c.score(),
                        String.join(",", c.reasons()), c.status(), null, null, ts(c.createdAt()), cardFingerprint)
                .update();
    }

    Optional<RiskAdmin.ReviewCase> review(String id, boolean lock) {
        return jdbc.sql("select " + REVIEW_COLUMNS + " from risk_review where id = ?" + (lock ? " for update" : "")).param(id)
                .query(RiskStore::review).optional();
    }

    Optional<String> reviewCardFingerprint(String id) {
        return jdbc.sql("select card_fingerprint from risk_review where id = ?").param(id).query((rs, n) -> rs.getString(1)).optional();
    }

    io.huitong.kernel.Page<RiskAdmin.ReviewCase> reviews(String status, io.huitong.kernel.PageRequest page) {
        return page("select " + REVIEW_COLUMNS + " from risk_review", "status", status, page, RiskStore::review);
    }

    void decideReview(String id, String status, String by, Instant at) {
        jdbc.sql("update risk_review set status = ?, decided_by = ?, decided_at = ? where id = ?").params(status, by, ts(at), id).update();
    }

    void insertReviewAction(String id, String reviewId, String action, String operator, String note, Instant at) {
        jdbc.sql("insert into risk_review_action (id, review_id, action, operator, note, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, reviewId, action, operator, note, ts(at)).update();
    }

    List<RiskAdmin.ReviewAction> reviewActions(String reviewId) {
        return jdbc.sql("select action, operator, note, created_at from risk_review_action where review_id = ? order by created_at, id")
                .param(reviewId)
                .query((rs, n) -> new RiskAdmin.ReviewAction(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)))
                .list();
    }

    private static RiskAdmin.ReviewCase review(ResultSet rs, int n) throws SQLException {
        return new RiskAdmin.ReviewCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                rs.getString(7), rs.getInt(8), reasons(rs.getString(9)), rs.getString(10), rs.getString(11), instant(rs, 12),
                instant(rs, 13));
    }

    static List<String> reasons(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static java.time.OffsetDateTime ts(Instant at) {
        return io.huitong.kernel.DbTimes.at(at);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return io.huitong.kernel.DbTimes.instant(rs, column);
    }
}
