package io.huitong.reconciliation.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.domain.StatementFacts;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reconciliations in the database: one row each, and the counts of their items. */
final class ReconciliationStore {

    private static final String COLUMNS = "id, channel, business_date, format, status, lines_total, done, supersedes, superseded_by, currency,"
            + " opening, credits, debits, closing, ledger_credits, ledger_debits, failure, requested_by, created_at, updated_at";

    private final JdbcClient jdbc;

    ReconciliationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The row as stored, without its counts. */
    record Row(String id, String channel, LocalDate businessDate, String format, String status, long total, long done, String supersedes,
               String supersededBy, Reconciliation.Reserve reserve, String failure, String requestedBy, Instant createdAt, Instant updatedAt) {
    }

    /** What a new reconciliation starts with. */
    record New(String id, String channel, LocalDate businessDate, String format, String contentHash, long total, StatementFacts.Balances balances,
               String requestedBy, Instant now) {
    }

    static String currentKey(String channel, LocalDate date) {
        return channel + "|" + date;
    }

    /** The current reconciliation of a channel and date with its content hash, locked for the rest of the transaction. */
    Optional<String[]> lockCurrent(String channel, LocalDate date) {
        return jdbc.sql("select id, content_hash from reconciliation where current_key = ? for update").param(currentKey(channel, date))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }

    /** Whether the channel and date has a current reconciliation. */
    boolean exists(String channel, LocalDate date) {
        return jdbc.sql("select count(*) from reconciliation where current_key = ?").param(currentKey(channel, date)).query(Long.class).single() > 0;
    }

    void supersede(String oldId, String newId, Instant now) {
        jdbc.sql("update reconciliation set status = 'superseded', current_key = null, superseded_by = ?, updated_at = ? where id = ?")
                .params(newId, DbTimes.at(now), oldId).update();
    }

    /** Inserts the new current reconciliation of its channel and date; a concurrent one taking the place first fails it. */
    void insert(New r, String supersedes) {
        StatementFacts.Balances b = r.balances();
        jdbc.sql("insert into reconciliation (id, channel, business_date, format, status, current_key, content_hash, supersedes, lines_total,"
                        + " done, currency, opening, credits, debits, closing, requested_by, created_at, updated_at)"
                        + " values (?, ?, ?, ?, 'matching', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.channel(), Date.valueOf(r.businessDate()), r.format(), currentKey(r.channel(), r.businessDate()), r.contentHash(),
                        supersedes, r.total(), b == null ? null : b.currency(), b == null ? null : b.opening(), b == null ? null : b.credits(),
                        b == null ? null : b.debits(), b == null ? null : b.closing(), r.requestedBy(), DbTimes.at(r.now()), DbTimes.at(r.now()))
                .update();
    }

    void progress(String id, long done, Instant now) {
        jdbc.sql("update reconciliation set done = ?, updated_at = ? where id = ? and status = 'matching'").params(done, DbTimes.at(now), id).update();
    }

    /** Matching is done; a bank statement's reconciliation keeps the ledger's movements of the day beside the statement's. */
    void complete(String id, long matched, Long ledgerCredits, Long ledgerDebits, Instant now) {
        jdbc.sql("update reconciliation set status = case when status = 'matching' then 'completed' else status end, done = lines_total,"
                        + " matched = ?, ledger_credits = ?, ledger_debits = ?, updated_at = ? where id = ?")
                .params(matched, ledgerCredits, ledgerDebits, DbTimes.at(now), id).update();
    }

    void fail(String id, String failure, Instant now) {
        jdbc.sql("update reconciliation set status = 'failed', failure = ?, updated_at = ? where id = ? and status = 'matching'")
                .params(failure, DbTimes.at(now), id).update();
    }

    /** Reconciliations whose matching stopped reporting progress before {@code before}: their node died, or they never started. */
    List<String> stalled(Instant before) {
        return jdbc.sql("select id from reconciliation where status = 'matching' and updated_at < ? order by id").param(DbTimes.at(before))
                .query(String.class).list();
    }

    /** Touches a stalled matching so that no other instance takes it up too; false when another did first. */
    boolean claim(String id, Instant before, Instant now) {
        return jdbc.sql("update reconciliation set updated_at = ? where id = ? and status = 'matching' and updated_at < ?")
                .params(DbTimes.at(now), id, DbTimes.at(before)).update() == 1;
    }

    Optional<Row> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from reconciliation where id = ?").param(id).query(ReconciliationStore::row).optional();
    }

    Page<Row> list(String channel, PageRequest page) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (channel != null) {
            where = "channel = ?";
            params.add(channel);
        }
        PageRequest.Query q = page.byId("select " + COLUMNS + " from reconciliation", where, params, "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(ReconciliationStore::row).list(), page);
    }

    /** The statement lines matched by the same day's reference (counted only), and the items of each class. */
    Reconciliation.Counts counts(String id) {
        long[] c = new long[8];
        c[0] = jdbc.sql("select matched from reconciliation where id = ?").param(id).query(Long.class).optional().orElse(0L);
        jdbc.sql("select class, count(*) from reconciliation_item where reconciliation_id = ? group by class").param(id).query(rs -> {
            int at = switch (rs.getString(1)) {
                case "matched" -> 0;
                case "missing_in_ledger" -> 1;
                case "missing_in_channel" -> 2;
                case "amount_mismatch" -> 3;
                case "status_mismatch" -> 4;
                case "currency_mismatch" -> 5;
                case "duplicate" -> 6;
                default -> 7;
            };
            c[at] += rs.getLong(2);
        });
        return new Reconciliation.Counts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Reconciliation.Reserve reserve = null;
        String currency = rs.getString(10);
        if (currency != null) {
            long opening = rs.getLong(11);
            long credits = rs.getLong(12);
            long debits = rs.getLong(13);
            long closing = rs.getLong(14);
            long ledgerCredits = rs.getLong(15);
            boolean matched = !rs.wasNull();
            long ledgerDebits = rs.getLong(16);
            long ledgerBalance = opening + ledgerCredits - ledgerDebits;
            reserve = matched ? new Reconciliation.Reserve(currency, opening, credits, debits, closing, ledgerCredits, ledgerDebits, ledgerBalance,
                    closing - ledgerBalance) : new Reconciliation.Reserve(currency, opening, credits, debits, closing, null, null, null, null);
        }
        return new Row(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getLong(6),
                rs.getLong(7), rs.getString(8), rs.getString(9), reserve, rs.getString(17), rs.getString(18), DbTimes.instant(rs, 19),
                DbTimes.instant(rs, 20));
    }
}
