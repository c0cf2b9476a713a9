package io.huitong.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Period arithmetic in Asia/Shanghai (UTC+8): day boundaries, bucket starts and the previous period. */
class InsightPeriodTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Instant local(String text) {
        return Instant.parse(text + "+08:00");
    }

    @Test
    void todayStartsAtMidnightInShanghaiNotInUtc() {
        // 2026-03-10T20:30Z is already 04:30 on 11 March in Shanghai
        InsightPeriod.Window w = InsightPeriod.TODAY.window(Instant.parse("2026-03-10T20:30:00Z"), SHANGHAI);
        assertThat(w.start()).isEqualTo(local("2026-03-11T00:00:00")).isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));
        assertThat(w.end()).isEqualTo(local("2026-03-12T00:00:00"));
        assertThat(w.asOf()).isEqualTo(Instant.parse("2026-03-10T20:30:00Z"));
        assertThat(w.bucketStarts()).hasSize(5).startsWith(local("2026-03-11T00:00:00")).endsWith(local("2026-03-11T04:00:00"));
        assertThat(w.granularity()).isEqualTo(InsightPeriod.Granularity.HOUR);
    }

    @Test
    void theDayTurnsAtShanghaiMidnight() {
        Instant lastSecond = local("2026-03-10T23:59:59");
        Instant midnight = local("2026-03-11T00:00:00");
        assertThat(InsightPeriod.TODAY.window(lastSecond, SHANGHAI).start()).isEqualTo(local("2026-03-10T00:00:00"));
        assertThat(InsightPeriod.TODAY.window(lastSecond, SHANGHAI).bucketStarts()).hasSize(24);
        InsightPeriod.Window atMidnight = InsightPeriod.TODAY.window(midnight, SHANGHAI);
        assertThat(atMidnight.start()).isEqualTo(midnight);
        assertThat(atMidnight.elapsed()).isZero();
        assertThat(atMidnight.bucketStarts()).isEmpty();
        assertThat(InsightPeriod.YESTERDAY.window(midnight, SHANGHAI).start()).isEqualTo(local("2026-03-10T00:00:00"));
    }

    @Test
    void todayIsComparedWithYesterdayUpToTheSameTime() {
        InsightPeriod.Window w = InsightPeriod.TODAY.window(local("2026-03-10T14:20:00"), SHANGHAI);
        assertThat(w.previousStart()).isEqualTo(local("2026-03-09T00:00:00"));
        assertThat(w.previousEnd()).isEqualTo(local("2026-03-09T14:20:00"));
        assertThat(Duration.between(w.previousStart(), w.previousEnd())).isEqualTo(w.elapsed()).isEqualTo(Duration.ofMinutes(14 * 60 + 20));
    }

    @Test
    void yesterdayIsAWholeDayComparedWithTheDayBefore() {
        InsightPeriod.Window w = InsightPeriod.YESTERDAY.window(local("2026-03-10T14:20:00"), SHANGHAI);
        assertThat(w.start()).isEqualTo(local("2026-03-09T00:00:00"));
        assertThat(w.end()).isEqualTo(local("2026-03-10T00:00:00"));
        assertThat(w.asOf()).isEqualTo(w.end());
        assertThat(w.previousStart()).isEqualTo(local("2026-03-08T00:00:00"));
        assertThat(w.previousEnd()).isEqualTo(local("2026-03-09T00:00:00"));
        assertThat(w.bucketStarts()).hasSize(24);
    }

    @Test
    void sevenAndThirtyDaysIncludeTodayWithDailyBucketsAndEqualPreviousPeriods() {
        Instant now = local("2026-03-10T06:00:00");
        InsightPeriod.Window week = InsightPeriod.LAST_7_DAYS.window(now, SHANGHAI);
        assertThat(week.start()).isEqualTo(local("2026-03-04T00:00:00"));
        assertThat(week.end()).isEqualTo(local("2026-03-11T00:00:00"));
        assertThat(week.granularity()).isEqualTo(InsightPeriod.Granularity.DAY);
        assertThat(week.bucketStarts()).hasSize(7).startsWith(local("2026-03-04T00:00:00")).endsWith(local("2026-03-10T00:00:00"));
        assertThat(week.previousStart()).isEqualTo(local("2026-02-25T00:00:00"));
        assertThat(week.previousEnd()).isEqualTo(local("2026-03-03T06:00:00"));

        InsightPeriod.Window month = InsightPeriod.LAST_30_DAYS.window(now, SHANGHAI);
        assertThat(month.start()).isEqualTo(local("2026-02-09T00:00:00"));
        assertThat(month.bucketStarts()).hasSize(30);
        assertThat(month.previousStart()).isEqualTo(local("2026-01-10T00:00:00"));
        assertThat(month.previousEnd()).isEqualTo(local("2026-02-08T06:00:00"));
        assertThat(Duration.between(month.previousStart(), month.previousEnd())).isEqualTo(month.elapsed());
    }

    @Test
    void periodsAreNamedAsTheApiNamesThem() {
        assertThat(InsightPeriod.fromWire("today")).contains(InsightPeriod.TODAY);
        assertThat(InsightPeriod.fromWire("7d")).contains(InsightPeriod.LAST_7_DAYS);
        assertThat(InsightPeriod.fromWire("30D")).contains(InsightPeriod.LAST_30_DAYS);
        assertThat(InsightPeriod.fromWire("yesterday")).contains(InsightPeriod.YESTERDAY);
        assertThat(InsightPeriod.fromWire("month")).isEmpty();
        assertThat(InsightPeriod.fromWire(null)).isEmpty();
    }

    @Test
    void ratesHaveFourDecimalsAndNoDivisionByZero() {
        Overview.Figures f = Overview.Figures.of(3, 2, 7000, 500);
        assertThat(f.successRate().toPlainString()).isEqualTo("0.6667");
        assertThat(f.refundRate().toPlainString()).isEqualTo("0.0714");
        assertThat(Overview.Figures.basisPoints(f.successRate())).isEqualTo(6667);
        assertThat(Overview.Figures.zero().successRate().toPlainString()).isEqualTo("0.0000");
        assertThat(Overview.Figures.zero().refundRate().toPlainString()).isEqualTo("0.0000");
    }
}
