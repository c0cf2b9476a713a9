package io.huitong.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The periods of a merchant's overview, in calendar days of a zone (the platform's business zone, Asia/Shanghai):
 * <ul>
 * <li>{@link #TODAY}: today from midnight, so far; hourly trend.</li>
 * <li>{@link #YESTERDAY}: the whole of yesterday; hourly trend.</li>
 * <li>{@link #LAST_7_DAYS}, {@link #LAST_30_DAYS}: the last 7 (30) calendar days including today, so far; daily trend.</li>
 * </ul>
 * The previous period is as many days just before, and covers as much time as the period has covered so far: today
 * until 14:20 is compared with yesterday until 14:20, the last 7 days with the 7 days before up to the same time.
 */
public enum InsightPeriod {

    TODAY("today", 1, 0, Granularity.HOUR),
    YESTERDAY("yesterday", 1, 1, Granularity.HOUR),
    LAST_7_DAYS("7d", 7, 0, Granularity.DAY),
    LAST_30_DAYS("30d", 30, 0, Granularity.DAY);

    /** How a period's trend is bucketed. */
    public enum Granularity {
        HOUR,
        DAY
    }

    private final String wireName;
    private final int days;
    private final int daysBack;
    private final Granularity granularity;

    InsightPeriod(String wireName, int days, int daysBack, Granularity granularity) {
        this.wireName = wireName;
        this.days = days;
        this.daysBack = daysBack;
        this.granularity = granularity;
    }

    /** As the API names it: {@code today}, {@code yesterday}, {@code 7d}, {@code 30d}. */
    public String wireName() {
        return wireName;
    }

    public Granularity granularity() {
        return granularity;
    }

    public static Optional<InsightPeriod> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (InsightPeriod p : values()) {
            if (p.wireName.equals(wanted) || p.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The period's bounds at {@code now} in {@code zone}.
     *
     * @param start          the first instant of the period (midnight of its first day)
     * @param end            the end of its last day (exclusive)
     * @param asOf           how far the period is counted: {@code now}, or {@code end} when the period is over
     * @param previousStart  the first instant of the previous period (as many days before {@code start})
     * @param previousEnd    the previous period's end of counting: {@code previousStart} plus what the period covered
     *                       so far ({@code asOf - start})
     * @param bucketStarts   the trend's buckets that have begun by {@code asOf}: hours or days (midnights in the zone)
     */
    public record Window(InsightPeriod period, Instant start, Instant end, Instant asOf, Instant previousStart, Instant previousEnd,
                         Granularity granularity, List<Instant> bucketStarts) {

        public Window {
            Objects.requireNonNull(period, "period");
            bucketStarts = List.copyOf(bucketStarts);
        }

        /** What the period has covered so far. */
        public Duration elapsed() {
            return Duration.between(start, asOf);
        }
    }

    /** The bounds of this period when it is {@code now} in {@code zone}. */
    public Window window(Instant now, ZoneId zone) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate lastDay = today.minusDays(daysBack);
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        ZonedDateTime startZ = firstDay.atStartOfDay(zone);
        Instant start = startZ.toInstant();
        Instant end = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        Instant asOf = now.isBefore(end) ? now : end;
        Instant previousStart = firstDay.minusDays(days).atStartOfDay(zone).toInstant();
        Instant previousEnd = previousStart.plus(Duration.between(start, asOf));
        List<Instant> buckets = new ArrayList<>();
        if (granularity == Granularity.HOUR) {
            for (Instant b = start; b.isBefore(asOf) && b.isBefore(end); b = b.plus(1, ChronoUnit.HOURS)) {
                buckets.add(b);
            }
        } else {
            for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
                Instant b = d.atStartOfDay(zone).toInstant();
                if (!b.isBefore(asOf)) {
                    break;
                }
                buckets.add(b);
            }
        }
        return new Window(this, start, end, asOf, previousStart, previousEnd, granularity, buckets);
    }
}
