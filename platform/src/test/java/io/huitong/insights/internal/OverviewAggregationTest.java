package io.huitong.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.insights.InsightPeriod;
import io.huitong.insights.Overview;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hourly rows summed into an overview, without a database. */
class OverviewAggregationTest {

    static Instant local(String text) {
        return Instant.parse(text + "+08:00");
    }

    @Test
    void hoursFallIntoShanghaiDaysAndMethodsAndCurrenciesAreKeptApart() {
        InsightPeriod.Window w = InsightPeriod.LAST_7_DAYS.window(local("2026-03-10T06:30:00"), ZoneId.of("Asia/Shanghai"));
        List<HourlyFigures.HourRow> current = List.of(
                // 23:00 on 9 March in Shanghai is 15:00 UTC the same day; 00:00 on 10 March is 16:00 UTC on the 9th
                new HourlyFigures.HourRow(local("2026-03-09T23:00:00"), "CNY", "card", 4, 3, 3000, 0),
                new HourlyFigures.HourRow(local("2026-03-10T00:00:00"), "CNY", "card", 2, 2, 500, 100),
                new HourlyFigures.HourRow(local("2026-03-10T05:00:00"), "CNY", "qr", 5, 1, 8000, 0),
                new HourlyFigures.HourRow(local("2026-03-10T05:00:00"), "USD", "card", 1, 1, 99, 0));
        List<HourlyFigures.HourRow> previous = List.of(
                new HourlyFigures.HourRow(local("2026-03-02T10:00:00"), "CNY", "card", 10, 5, 1000, 0));
        Overview o = JdbcMerchantInsights.overview(w, current, previous);
        assertThat(o.currencies()).extracting(Overview.CurrencyOverview::currency).containsExactly("CNY", "USD");
        Overview.CurrencyOverview cny = o.currencies().getFirst();
        assertThat(cny.current()).isEqualTo(Overview.Figures.of(11, 6, 11500, 100));
        assertThat(cny.previous()).isEqualTo(Overview.Figures.of(10, 5, 1000, 0));
        assertThat(cny.trend()).hasSize(7);
        assertThat(cny.trend().get(5)).isEqualTo(new Overview.TrendPoint(local("2026-03-09T00:00:00"), 3, 3000));
        assertThat(cny.trend().get(6)).isEqualTo(new Overview.TrendPoint(local("2026-03-10T00:00:00"), 3, 8500));
        assertThat(cny.trend().get(0).succeededCount()).isZero();
        assertThat(cny.byMethod()).containsExactly(new Overview.MethodFigures("qr", 5, 1, 8000), new Overview.MethodFigures("card", 6, 5, 3500));
        Overview.CurrencyOverview usd = o.currencies().get(1);
        assertThat(usd.previous()).isEqualTo(Overview.Figures.zero());
    }
}
