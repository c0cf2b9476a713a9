package io.huitong.insights.internal;

import io.huitong.insights.InsightsRollup;
import io.huitong.kernel.DbTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hourly rollup of payments behind the overview ({@code insights_hourly}, V70); {@link HourlyFigures} reads it.
 *
 * <p><b>What a row holds.</b> Per merchant, hour, currency and payment method: the payments <em>created</em> in that
 * hour — attempted (any status), succeeded (count, and the amount they received) and what has been refunded of them
 * so far. A period's figures are those of the payments created in it; a refund counts against the hour its payment was
 * created in (the refund rate of a period is how much of that period's takings was given back, so far).
 *
 * <p><b>Closed hours from the rollup, open hours live.</b> {@code insights_rollup_state.rolled_until} (R) says every
 * hour before it is rolled; hours from R on are read from the payment table through {@code payment_merchant_created}
 * (a merchant's open hour is at most an hour of its payments). A reader reads R first and takes rollup rows before R
 * only, so an hour is never counted twice nor missed while a pass commits.
 *
 * <p><b>A pass</b> ({@link #roll()}, every {@code huitong.insights.rollup-interval}, in one transaction that locks the
 * state row, so that two nodes never roll at once):
 * <ol>
 * <li>Hours that changed: a payment whose {@code updated_at} is at or after the last pass's scan minus
 * {@code rollup-lag} (a status change: processing to succeeded, an authorization captured or canceled ...), or whose
 * refund's {@code updated_at} is (a refund raises the payment's amount_refunded without touching its updated_at, and
 * a failed refund lowers it again), marks its (merchant, creation hour) pair; each marked pair before R is rolled
 * again: its rows deleted and aggregated anew from the payment table. A refund days later re-rolls its payment's hour
 * at the next pass.</li>
 * <li>Hours that closed: when {@code now - rollup-lag} has passed into a new hour, the hours from R to that hour are
 * aggregated for every merchant (payments created in them, found through {@code payment_updated}: a payment's
 * {@code updated_at} is never before its {@code created_at}) and R moves up.</li>
 * </ol>
 * Re-rolling an hour replaces it, so a pass repeated (a crash before commit, or two passes looking at overlapping
 * changes) writes the same rows. {@code rollup-lag} (5 minutes by default) covers a transaction that commits after
 * the instant it wrote into {@code updated_at}: a change is looked at by every pass for that long, and an hour is
 * rolled only that long after it closed. The very first pass (R unset) aggregates every payment before the last
 * closed hour in one statement.
 *
 * <p>Hours are UTC hours, which are Asia/Shanghai's hours too (its offset is a whole +8 hours), so a day in
 * Asia/Shanghai is 24 whole rolled hours.
 */
class HourlyRollup implements InsightsRollup {

    /** The hour a payment was created in, as whole hours since the epoch: the same in H2 and PostgreSQL. */
    static final String HOUR_OF_CREATED = "floor(extract(epoch from created_at) / 3600)";

    static final String FIGURES = "count(*), sum(case when status = 'succeeded' then 1 else 0 end),"
            + " sum(case when status = 'succeeded' then amount_received else 0 end), sum(amount_refunded)";
    private static final String INSERT = "insert into insights_hourly (merchant_id, hour_start, currency, method_type, attempted,"
            + " succeeded_count, succeeded_amount, refunded_amount) values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration lag;

    HourlyRollup(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions, Clock clock, Duration lag) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.clock = clock;
        this.lag = Objects.requireNonNull(lag, "lag");
    }

    static Instant floorHour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    static Instant ceilHour(Instant t) {
        Instant floor = floorHour(t);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }

    /** Every hour before this is rolled; null before the first pass. */
    Instant rolledUntil() {
        return jdbc.sql("select rolled_until from insights_rollup_state where id = 1")
                .query((rs, n) -> DbTimes.instant(rs, 1)).optional().orElse(null);
    }

    private static Instant hourAt(ResultSet rs, int column) throws SQLException {
        return Instant.ofEpochSecond(rs.getLong(column) * 3600);
    }

    @Override
    public Pass roll() {
        return transactions.execute(tx -> pass());
    }

    private Pass pass() {
        Instant now = DbTimes.now(clock);
        Instant target = floorHour(now.minus(lag));
        record State(Instant rolledUntil, Instant scannedUntil) {
        }
        State state = jdbc.sql("select rolled_until, scanned_until from insights_rollup_state where id = 1 for update")
                .query((rs, n) -> new State(DbTimes.instant(rs, 1), DbTimes.instant(rs, 2))).single();
        int rolled = 0;
        Instant rolledUntil = state.rolledUntil();
        if (rolledUntil == null) {
            jdbc.sql("delete from insights_hourly").update();
            rolled += insertAggregated("select merchant_id, " + HOUR_OF_CREATED + ", currency, method_type, " + FIGURES
                    + " from payment where created_at < ? group by merchant_id, " + HOUR_OF_CREATED + ", currency, method_type",
                    List.of(DbTimes.at(target)));
            rolledUntil = target;
        } else {
            Instant since = (state.scannedUntil() == null ? rolledUntil : state.scannedUntil()).minus(lag);
            rolled += rollAgain(changedHours(since, rolledUntil));
            if (target.isAfter(rolledUntil)) {
                jdbc.sql("delete from insights_hourly where hour_start >= ? and hour_start < ?")
                        .params(DbTimes.at(rolledUntil), DbTimes.at(target)).update();
                rolled += insertAggregated("select merchant_id, " + HOUR_OF_CREATED + ", currency, method_type, " + FIGURES
                        + " from payment where updated_at >= ? and created_at >= ? and created_at < ?"
                        + " group by merchant_id, " + HOUR_OF_CREATED + ", currency, method_type",
                        List.of(DbTimes.at(rolledUntil), DbTimes.at(rolledUntil), DbTimes.at(target)));
                rolledUntil = target;
            }
        }
        jdbc.sql("update insights_rollup_state set rolled_until = ?, scanned_until = ?, passed_at = ? where id = 1")
                .params(DbTimes.at(rolledUntil), DbTimes.at(now), DbTimes.at(now)).update();
        return new Pass(rolledUntil, now, rolled);
    }

    private record MerchantHour(String merchantId, Instant hour) {
    }

    /** (merchant, hour) pairs before {@code before} with a payment or a refund changed since {@code since}. */
    private List<MerchantHour> changedHours(Instant since, Instant before) {
        return jdbc.sql("select merchant_id, " + HOUR_OF_CREATED + " from payment where updated_at >= ? and created_at < ?"
                        + " union select p.merchant_id, floor(extract(epoch from p.created_at) / 3600) from refund r"
                        + " join payment p on p.id = r.payment_id where r.updated_at >= ? and p.created_at < ?")
                .params(DbTimes.at(since), DbTimes.at(before), DbTimes.at(since), DbTimes.at(before))
                .query((rs, n) -> new MerchantHour(rs.getString(1), hourAt(rs, 2))).list();
    }

    /** Replaces the rows of each (merchant, hour) with what its payments say now. */
    private int rollAgain(List<MerchantHour> hours) {
        if (hours.isEmpty()) {
            return 0;
        }
        batch.batchUpdate("delete from insights_hourly where merchant_id = ? and hour_start = ?",
                hours.stream().map(h -> new Object[] {h.merchantId(), DbTimes.at(h.hour())}).toList());
        for (MerchantHour h : hours) {
            insertAggregated("select merchant_id, " + HOUR_OF_CREATED + ", currency, method_type, " + FIGURES
                    + " from payment where merchant_id = ? and created_at >= ? and created_at < ?"
                    + " group by merchant_id, " + HOUR_OF_CREATED + ", currency, method_type",
                    List.of(h.merchantId(), DbTimes.at(h.hour()), DbTimes.at(h.hour().plus(1, ChronoUnit.HOURS))));
        }
        return hours.size();
    }

    /**
     * Runs {@code select} (merchant, hour since the epoch, currency, method, then the figures) and inserts its rows,
     * a batch at a time; answers how many (merchant, hour) pairs it wrote.
     */
    private int insertAggregated(String select, List<Object> params) {
        List<Object[]> pending = new ArrayList<>();
        java.util.Set<MerchantHour> pairs = new java.util.HashSet<>();
        int[] written = {0};
        batch.query(select, (ResultSet rs) -> {
            Instant hour = hourAt(rs, 2);
            pairs.add(new MerchantHour(rs.getString(1), hour));
            pending.add(new Object[] {rs.getString(1), DbTimes.at(hour), rs.getString(3).trim(), rs.getString(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7), rs.getLong(8)});
            if (pending.size() >= BATCH) {
                batch.batchUpdate(INSERT, pending);
                pending.clear();
            }
        }, params.toArray());
        if (!pending.isEmpty()) {
            batch.batchUpdate(INSERT, pending);
        }
        written[0] = pairs.size();
        return written[0];
    }
}
