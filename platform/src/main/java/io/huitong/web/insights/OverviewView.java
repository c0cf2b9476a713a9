package io.huitong.web.insights;

import io.huitong.insights.Overview;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/insights/overview}: amounts are integers in minor units, rates decimal strings ({@code "0.9512"}). */
@Schema(name = "InsightsOverview")
record OverviewView(String object, String period, Instant start, Instant end, Instant asOf, Instant previousStart, Instant previousEnd,
                    @Schema(allowableValues = {"hour", "day"}) String granularity, List<CurrencyView> currencies) {

    record CurrencyView(String currency, long attempted, long succeededCount, long succeededAmount, long refundedAmount,
                        @Schema(example = "0.9512") String successRate, @Schema(example = "0.0150") String refundRate,
                        FiguresView previous, List<TrendView> trend, List<MethodView> byMethod) {
    }

    record FiguresView(long attempted, long succeededCount, long succeededAmount, long refundedAmount, String successRate,
                       String refundRate) {
    }

    record TrendView(Instant start, long succeededCount, long succeededAmount) {
    }

    record MethodView(String method, long attempted, long succeededCount, long succeededAmount) {
    }

    static OverviewView of(Overview o) {
        return new OverviewView("insights_overview", o.period().wireName(), o.start(), o.end(), o.asOf(), o.previousStart(), o.previousEnd(),
                o.granularity().name().toLowerCase(java.util.Locale.ROOT), o.currencies().stream().map(OverviewView::currency).toList());
    }

    private static CurrencyView currency(Overview.CurrencyOverview c) {
        Overview.Figures f = c.current();
        Overview.Figures p = c.previous();
        return new CurrencyView(c.currency(), f.attempted(), f.succeededCount(), f.succeededAmount(), f.refundedAmount(),
                f.successRate().toPlainString(), f.refundRate().toPlainString(),
                new FiguresView(p.attempted(), p.succeededCount(), p.succeededAmount(), p.refundedAmount(), p.successRate().toPlainString(),
                        p.refundRate().toPlainString()),
                c.trend().stream().map(t -> new TrendView(t.start(), t.succeededCount(), t.succeededAmount())).toList(),
                c.byMethod().stream().map(m -> new MethodView(m.method(), m.attempted(), m.succeededCount(), m.succeededAmount())).toList());
    }
}
