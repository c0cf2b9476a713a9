package io.huitong.settlement.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.SettlementLine;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settlements, their lines and the merchants' settlement positions in the database. */
final class SettlementStore {

    static final String COLUMNS = "id, merchant_id, run_id, business_date, currency, gross, fees, refunds, adjustments, net,"
            + " source_currency, fx_rate, carried_forward, lines_count, period_start, period_end, payout_id, status, created_at";
    private static final String LINE_COLUMNS = "object_id, kind, currency, gross, fee, refund, adjustment, net, happened_at";

    /**
     * The movements of a merchant's pending balance in a time window that no settlement took up yet, grouped into lines:
     * a payment with its fee is one line (keyed by the payment's id), any other movement one line of its own (keyed by its
     * ledger transfer). A payment movement that comes after its payment was settled gets a line of its own too. The
     * settlement's own transfers out of the balance are not lines.
     *
     * <p>A window starts {@link PositionSettler#LATE_COMMIT} before the last one ended, so it reads again movements
     * that were settled already. Each key must therefore come out the same on every read: a payment movement is part of
     * its payment's line when it is no later than that line's last movement ({@code happened_at}, the latest of them),
     * and is left out then, rather than given a key of its own, which would settle it a second time.
     */
    private static final String TAKE_UP_LINES = """
            insert into settlement_line (line_key, settlement_id, kind, object_id, currency, gross, fee, refund, adjustment, net, happened_at)
            select g.line_key, ?, g.kind, g.object_id, ?, g.gross, g.fee, g.refund, g.adjustment,
                   g.gross - g.fee - g.refund + g.adjustment, g.happened_at
            from (
                select m.line_key, min(m.kind) as kind, min(m.object_id) as object_id, sum(m.gross) as gross, sum(m.fee) as fee,
                       sum(m.refund) as refund, sum(m.adjustment) as adjustment, max(m.created_at) as happened_at
                from (
                    select case when t.code in ('payment', 'payment_fee') and t.reference is not null and p.line_key is null
                                then t.reference else t.id end as line_key,
                           case when t.code in ('payment', 'payment_fee') then 'payment'
                                when t.code = 'refund' then 'refund' else 'adjustment' end as kind,
                           case when t.code in ('payment', 'payment_fee') and t.reference is not null then t.reference
                                else t.id end as object_id,
                           case when t.code = 'payment' then e.signed else 0 end as gross,
                           case when t.code = 'payment_fee' then -e.signed else 0 end as fee,
                           case when t.code = 'refund' then -e.signed else 0 end as refund,
                           case when t.code in ('payment', 'payment_fee', 'refund') then 0 else e.signed end as adjustment,
                           e.created_at
                    from (select transfer_id, created_at,
                                 case when direction = 'credit' then amount else -amount end as signed
                          from ledger_entry
                          where account_id = ? and layer = 'posted' and created_at >= ? and created_at < ?) e
                    join ledger_transfer t on t.id = e.transfer_id
                    left join settlement_line p on t.code in ('payment', 'payment_fee') and p.line_key = t.reference
                    where (t.code is null or t.code not in ('settlement', 'settlement_fx'))
                      and (p.line_key is null or e.created_at > p.happened_at)
                ) m
                group by m.line_key
            ) g
            where not exists (select 1 from settlement_line l where l.line_key = g.line_key)
            """;

    private final JdbcClient jdbc;

    SettlementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * A merchant's position in one currency, locked for the rest of the transaction; made when it is the first. When
     * another run is making it at the same time, the insert waits for that run's transaction and then does nothing
     * (a failed insert would end the transaction on PostgreSQL), and the select below waits for its lock.
     */
    Position lockPosition(String merchantId, String currency) {
        Optional<Position> found = selectPosition(merchantId, currency);
        if (found.isPresent()) {
            return found.get();
        }
        jdbc.sql("insert into settlement_position (merchant_id, currency, carried) values (?, ?, 0) on conflict do nothing")
                .params(merchantId, currency).update();
        return selectPosition(merchantId, currency).orElseThrow();
    }

    private Optional<Position> selectPosition(String merchantId, String currency) {
        return jdbc.sql("select carried, scanned_to from settlement_position where merchant_id = ? and currency = ? for update")
                .params(merchantId, currency)
                .query((rs, n) -> new Position(rs.getLong(1), DbTimes.instant(rs, 2))).optional();
    }

    void updatePosition(String merchantId, String currency, long carried, Instant scannedTo) {
        jdbc.sql("update settlement_position set carried = ?, scanned_to = ? where merchant_id = ? and currency = ?")
                .params(carried, DbTimes.at(scannedTo), merchantId, currency).update();
    }

    /** Takes up the unsettled movements of a pending account in [from, to) into the settlement's lines; answers how many. */
    int takeUpLines(String settlementId, String currency, String pendingAccount, Instant from, Instant to) {
        return jdbc.sql(TAKE_UP_LINES).params(settlementId, currency, pendingAccount, DbTimes.at(from), DbTimes.at(to)).update();
    }

    LineTotals lineTotals(String settlementId) {
        return jdbc.sql("select count(*), coalesce(sum(gross), 0), coalesce(sum(fee), 0), coalesce(sum(refund), 0),"
                        + " coalesce(sum(adjustment), 0), min(happened_at), max(happened_at) from settlement_line where settlement_id = ?")
                .param(settlementId)
                .query((rs, n) -> new LineTotals(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        DbTimes.instant(rs, 6), DbTimes.instant(rs, 7)))
                .single();
    }

    /** A settlement with its totals in the source currency too, kept beside the converted ones for the ledger's check. */
    void insert(Settlement s, LineTotals source, long carriedIn, long sourceNet) {
        jdbc.sql("insert into settlement (" + COLUMNS + ", source_gross, source_fees, source_refunds, source_adjustments, source_net,"
                        + " carried_in, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.merchantId(), s.runId(), Date.valueOf(s.businessDate()), s.currency(), s.gross(), s.fees(), s.refunds(),
                        s.adjustments(), s.net(), s.sourceCurrency(), s.fxRate(), s.carriedForward(), s.linesCount(),
                        DbTimes.at(s.periodStart()), DbTimes.at(s.periodEnd()), s.payoutId(), s.status(), DbTimes.at(s.createdAt()),
                        source.gross(), source.fees(), source.refunds(), source.adjustments(), sourceNet, carriedIn, DbTimes.at(s.createdAt()))
                .update();
    }

    void setStatus(String settlementId, String status, Instant now) {
        jdbc.sql("update settlement set status = ?, updated_at = ? where id = ?").params(status, DbTimes.at(now), settlementId).update();
    }

    Optional<Settlement> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from settlement where id = ?").param(id).query(SettlementStore::settlement).optional();
    }

    Page<Settlement> list(String merchantId, PageRequest page) {
        PageRequest.Query q = merchantId == null
                ? page.byId("select " + COLUMNS + " from settlement", "", List.of(), "id")
                : page.byId("select " + COLUMNS + " from settlement", "merchant_id = ?", List.of(merchantId), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(SettlementStore::settlement).list(), page);
    }

    Page<SettlementLine> lines(String settlementId, PageRequest page) {
        PageRequest.Query q = page.byId("select " + LINE_COLUMNS + ", line_key from settlement_line", "settlement_id = ?",
                List.of(settlementId), "line_key");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(SettlementStore::line).list(), page);
    }

    void eachLine(String settlementId, Consumer<SettlementLine> consumer) {
        jdbc.sql("select " + LINE_COLUMNS + " from settlement_line where settlement_id = ? order by happened_at, line_key")
                .param(settlementId).withFetchSize(1000)
                .query(rs -> {
                    consumer.accept(line(rs, 0));
                });
    }

    private static SettlementLine line(ResultSet rs, int n) throws SQLException {
        return new SettlementLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), DbTimes.instant(rs, 9));
    }

    static Settlement settlement(ResultSet rs, int n) throws SQLException {
        return new Settlement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11),
                rs.getBigDecimal(12) == null ? null : rs.getBigDecimal(12).stripTrailingZeros(), rs.getLong(13), rs.getInt(14),
                DbTimes.instant(rs, 15), DbTimes.instant(rs, 16), rs.getString(17), rs.getString(18), DbTimes.instant(rs, 19));
    }

    record Position(long carried, Instant scannedTo) {
    }

    record LineTotals(int count, long gross, long fees, long refunds, long adjustments, Instant first, Instant last) {
    }
}
