package io.huitong.insights.internal;

import io.huitong.kernel.DbTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A merchant's figures of a time range, per bucket, currency and method: whole hours before the rollup's
 * {@code rolled_until} (R) from {@code insights_hourly}, the rest (hours from R on, and a part hour at either end)
 * from the payment table. R is read once per overview and given to every read of it, so the rollup and the payment
 * table split the time at the same instant: an hour is never counted twice nor missed while a pass commits.
 *
 * <p>Rows are summed in the database into buckets of {@code size} seconds starting at multiples of {@code size} minus
 * {@code offset} seconds since the epoch: hours (3600, 0), days of a zone with a fixed offset (86400, its offset in
 * seconds: Asia/Shanghai's +8 hours), or the whole range ({@link Buckets#WHOLE}), so that 30 days come back as 30 rows
 * per currency and method rather than 720.
 */
class HourlyFigures {

    /** A merchant's figures of one bucket (its first instant), currency and method. */
    record HourRow(Instant hour, String currency, String method, long attempted, long succeededCount, long succeededAmount,
                   long refundedAmount) {
    }

    /** Buckets of {@code size} seconds, starting {@code offset} seconds before each multiple of {@code size}. */
    record Buckets(long size, long offset) {

        static final Buckets HOURS = new Buckets(3600, 0);
        /** One bucket for any range of the platform's life. */
        static final Buckets WHOLE = new Buckets(1L << 40, 0);

        static Buckets days(java.time.ZoneOffset offset) {
            return new Buckets(86400, offset.getTotalSeconds());
        }

        Instant start(long bucket) {
            return Instant.ofEpochSecond(bucket * size - offset);
        }
    }

    private final JdbcClient jdbc;
    private final HourlyRollup rollup;

    HourlyFigures(JdbcClient jdbc, HourlyRollup rollup) {
        this.jdbc = jdbc;
        this.rollup = rollup;
    }

    /** How far the rollup is now: read once per overview. */
    Instant rolledUntil() {
        return rollup.rolledUntil();
    }

    /** The merchant's payments created in {@code [from, to)}, per bucket, currency and method; {@code rolled}: R, or null. */
    List<HourRow> rows(String merchantId, Instant from, Instant to, Instant rolled, Buckets buckets) {
        List<HourRow> rows = new ArrayList<>();
        if (!from.isBefore(to)) {
            return rows;
        }
        Instant fromHour = HourlyRollup.ceilHour(from);
        Instant toHour = HourlyRollup.floorHour(to);
        Instant rollEnd = rolled == null ? fromHour : min(toHour, HourlyRollup.floorHour(rolled));
        if (fromHour.isBefore(rollEnd)) {
            rows.addAll(summed("select floor((extract(epoch from hour_start) + ?) / ?) as b, currency, method_type, attempted,"
                    + " succeeded_count, succeeded_amount, refunded_amount from insights_hourly"
                    + " where merchant_id = ? and hour_start >= ? and hour_start < ?", merchantId, fromHour, rollEnd, buckets));
            if (from.isBefore(fromHour)) {
                rows.addAll(live(merchantId, from, fromHour, buckets));
            }
            if (rollEnd.isBefore(to)) {
                rows.addAll(live(merchantId, rollEnd, to, buckets));
            }
        } else {
            rows.addAll(live(merchantId, from, to, buckets));
        }
        return rows;
    }

    /** The merchant's payments created in {@code [from, to)}, read from the payment table. */
    List<HourRow> live(String merchantId, Instant from, Instant to, Buckets buckets) {
        return summed("select floor((extract(epoch from created_at) + ?) / ?) as b, currency, method_type, 1 as attempted,"
                + " case when status = 'succeeded' then 1 else 0 end as succeeded_count,"
                + " case when status = 'succeeded' then amount_received else 0 end as succeeded_amount, amount_refunded as refunded_amount"
                + " from payment where merchant_id = ? and created_at >= ? and created_at < ?", merchantId, from, to, buckets);
    }

    /** Sums the rows of {@code inner} (bucket, currency, method, figures) per bucket, currency and method. */
    private List<HourRow> summed(String inner, String merchantId, Instant from, Instant to, Buckets buckets) {
        return jdbc.sql("select b, currency, method_type, sum(attempted), sum(succeeded_count), sum(succeeded_amount),"
                        + " sum(refunded_amount) from (" + inner + ") x group by b, currency, method_type")
                .params(buckets.offset(), buckets.size(), merchantId, DbTimes.at(from), DbTimes.at(to))
                .query((rs, n) -> new HourRow(buckets.start(rs.getLong(1)), rs.getString(2).trim(), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
