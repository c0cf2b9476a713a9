package io.huitong.settlement.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.SettlementRun;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settlement runs in the database, and the merchant balances a run goes over. */
final class RunStore {

    private static final String COLUMNS = "id, business_date, merchant_id, status, done, total, settlements, skipped, failure, requested_by,"
            + " created_at, updated_at";

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A merchant's balance in one currency. */
    record Position(String merchantId, String currency) {
    }

    /** Every merchant's pending balances (or one merchant's), in a stable order. */
    List<Position> positions(String merchantId) {
        String sql = "select owner_ref, currency from ledger_account where owner_ref like 'mer\\_%' escape '\\'"
                + " and id = owner_ref || ':pending:' || currency" + (merchantId == null ? "" : " and owner_ref = ?")
                + " order by owner_ref, currency";
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        if (merchantId != null) {
            spec = spec.param(merchantId);
        }
        return spec.query((rs, n) -> new Position(rs.getString(1), rs.getString(2))).list();
    }

    /** Writes a new run; answers false when it is the automatic run of a date that another node started already. */
    boolean insert(SettlementRun run, LocalDate automaticDate) {
        try {
            jdbc.sql("insert into settlement_run (" + COLUMNS + ", automatic_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(run.id(), Date.valueOf(run.businessDate()), run.merchantId(), run.status(), run.done(), run.total(),
                            run.settlements(), run.skipped(), run.failure(), run.requestedBy(), DbTimes.at(run.createdAt()),
                            DbTimes.at(run.updatedAt()), automaticDate == null ? null : Date.valueOf(automaticDate))
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    void progress(String id, int done, int settlements, int skipped, Instant now) {
        jdbc.sql("update settlement_run set done = ?, settlements = ?, skipped = ?, updated_at = ? where id = ?")
                .params(done, settlements, skipped, DbTimes.at(now), id).update();
    }

    void finish(String id, String status, String failure, Instant now) {
        jdbc.sql("update settlement_run set status = ?, failure = ?, updated_at = ? where id = ? and status = 'running'")
                .params(status, failure, DbTimes.at(now), id).update();
    }

    /** Marks runs that stopped reporting progress (their node died) as failed; a new run settles what they left. */
    int failStale(Instant before, Instant now) {
        return jdbc.sql("update settlement_run set status = 'failed', failure = 'interrupted: the run stopped before it was done;"
                        + " start it again to settle the rest', updated_at = ? where status = 'running' and updated_at < ?")
                .params(DbTimes.at(now), DbTimes.at(before)).update();
    }

    boolean automaticRunExists(LocalDate date) {
        return jdbc.sql("select count(*) from settlement_run where automatic_date = ?").param(Date.valueOf(date)).query(Integer.class).single() > 0;
    }

    Optional<SettlementRun> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from settlement_run where id = ?").param(id).query(RunStore::run).optional();
    }

    Page<SettlementRun> list(PageRequest page) {
        PageRequest.Query q = page.byId("select " + COLUMNS + " from settlement_run", "", List.of(), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(RunStore::run).list(), page);
    }

    private static SettlementRun run(ResultSet rs, int n) throws SQLException {
        return new SettlementRun(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getString(10), DbTimes.instant(rs, 11), DbTimes.instant(rs, 12));
    }
}
