package io.huitong.insights.internal;

import io.huitong.insights.InsightPeriod;
import io.huitong.insights.InvalidQuery;
import io.huitong.insights.MerchantInsights;
import io.huitong.insights.Overview;
import io.huitong.insights.PaymentPage;
import io.huitong.insights.PaymentQuery;
import io.huitong.insights.PaymentTimeline;
import io.huitong.kernel.Money;
import io.huitong.reports.Column;
import io.huitong.reports.Field;
import io.huitong.reports.Report;
import io.huitong.reports.ReportFormat;
import io.huitong.reports.Reports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link MerchantInsights} on the payment table and the hourly rollup. */
class JdbcMerchantInsights implements MerchantInsights {

    /** The platform's business zone, as settlement's {@code BusinessCalendar.ZONE}. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final HourlyFigures figures;
    private final PaymentReads reads;
    private final Clock clock;

    JdbcMerchantInsights(HourlyFigures figures, PaymentReads reads, Clock clock) {
        this.figures = figures;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public Overview overview(String merchantId, InsightPeriod period) {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(period, "period");
        InsightPeriod.Window w = period.window(clock.instant(), ZONE);
        Instant rolled = figures.rolledUntil();
        HourlyFigures.Buckets buckets = w.granularity() == InsightPeriod.Granularity.HOUR ? HourlyFigures.Buckets.HOURS
                : HourlyFigures.Buckets.days(ZONE.getRules().getOffset(w.start()));
        List<HourlyFigures.HourRow> current = figures.rows(merchantId, w.start(), w.asOf(), rolled, buckets);
        List<HourlyFigures.HourRow> previous = figures.rows(merchantId, w.previousStart(), w.previousEnd(), rolled, HourlyFigures.Buckets.WHOLE);
        return overview(w, current, previous);
    }

    /**
     * Sums rows into the overview's figures, trend and breakdown: no database here. The current period's rows are in
     * buckets no longer than the trend's (a row counts in the trend bucket it starts in); the previous period's may be
     * one bucket for the whole period.
     */
    static Overview overview(InsightPeriod.Window w, List<HourlyFigures.HourRow> current, List<HourlyFigures.HourRow> previous) {
        TreeSet<String> currencies = new TreeSet<>();
        current.forEach(r -> currencies.add(r.currency()));
        previous.forEach(r -> currencies.add(r.currency()));
        List<Overview.CurrencyOverview> out = new ArrayList<>();
        for (String currency : currencies) {
            List<HourlyFigures.HourRow> now = current.stream().filter(r -> r.currency().equals(currency)).toList();
            List<HourlyFigures.HourRow> before = previous.stream().filter(r -> r.currency().equals(currency)).toList();
            out.add(new Overview.CurrencyOverview(currency, figures(now), figures(before), trend(w, now), byMethod(now)));
        }
        return new Overview(w.period(), w.start(), w.end(), w.asOf(), w.previousStart(), w.previousEnd(), w.granularity(), out);
    }

    private static Overview.Figures figures(List<HourlyFigures.HourRow> rows) {
        long attempted = 0;
        long count = 0;
        long amount = 0;
        long refunded = 0;
        for (HourlyFigures.HourRow r : rows) {
            attempted += r.attempted();
            count += r.succeededCount();
            amount += r.succeededAmount();
            refunded += r.refundedAmount();
        }
        return Overview.Figures.of(attempted, count, amount, refunded);
    }

    private static List<Overview.TrendPoint> trend(InsightPeriod.Window w, List<HourlyFigures.HourRow> rows) {
        TreeMap<Instant, long[]> buckets = new TreeMap<>();
        w.bucketStarts().forEach(b -> buckets.put(b, new long[2]));
        for (HourlyFigures.HourRow r : rows) {
            Map.Entry<Instant, long[]> bucket = buckets.floorEntry(r.hour());
            if (bucket == null) {
                continue;
            }
            bucket.getValue()[0] += r.succeededCount();
            bucket.getValue()[1] += r.succeededAmount();
        }
        List<Overview.TrendPoint> points = new ArrayList<>();
        buckets.forEach((start, v) -> points.add(new Overview.TrendPoint(start, v[0], v[1])));
        return points;
    }

    private static List<Overview.MethodFigures> byMethod(List<HourlyFigures.HourRow> rows) {
        Map<String, long[]> methods = new LinkedHashMap<>();
        for (HourlyFigures.HourRow r : rows) {
            long[] v = methods.computeIfAbsent(r.method(), m -> new long[3]);
            v[0] += r.attempted();
            v[1] += r.succeededCount();
            v[2] += r.succeededAmount();
        }
        return methods.entrySet().stream()
                .map(e -> new Overview.MethodFigures(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .sorted(Comparator.comparingLong(Overview.MethodFigures::succeededAmount).reversed()
                        .thenComparing(Comparator.comparingLong(Overview.MethodFigures::attempted).reversed())
                        .thenComparing(Overview.MethodFigures::method))
                .toList();
    }

    @Override
    public PaymentPage search(String merchantId, PaymentQuery query) {
        Objects.requireNonNull(merchantId, "merchantId");
        return reads.search(merchantId, query == null ? PaymentQuery.all() : query);
    }

    @Override
    public void export(String merchantId, PaymentQuery query, ReportFormat format, OutputStream out) {
        Objects.requireNonNull(merchantId, "merchantId");
        if (format != ReportFormat.CSV && format != ReportFormat.XLSX) {
            throw new InvalidQuery("format", "payments export as csv or xlsx");
        }
        PaymentQuery q = query == null ? PaymentQuery.all() : query;
        try {
            Reports.write(report(merchantId, q, clock.instant()), format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Report report(String merchantId, PaymentQuery q, Instant now) {
        List<Field> header = new ArrayList<>();
        header.add(Field.text("商户号 Merchant ID", merchantId));
        header.add(Field.dateTime("导出时间 Exported at", now));
        filter(header, "状态 Status", q.status());
        filter(header, "支付方式 Method", q.method());
        filter(header, "金额下限 Amount from (minor units)", q.amountGte() == null ? null : q.amountGte().toString());
        filter(header, "金额上限 Amount to (minor units)", q.amountLte() == null ? null : q.amountLte().toString());
        if (q.createdGte() != null) {
            header.add(Field.dateTime("创建时间起 Created from", q.createdGte()));
        }
        if (q.createdLte() != null) {
            header.add(Field.dateTime("创建时间止 Created to", q.createdLte()));
        }
        filter(header, "参考号 Reference", q.reference());
        filter(header, "卡号后四位 Card last 4", q.cardLast4());
        List<Column> columns = List.of(Column.dateTime("创建时间 Created"), Column.text("支付单号 Payment"), Column.text("状态 Status"),
                Column.text("支付方式 Method"), Column.text("卡组织 Card brand"), Column.text("尾号 Last 4"), Column.text("币种 Currency"),
                Column.money("金额 Amount", 2), Column.money("实收 Received", 2), Column.money("已退款 Refunded", 2), Column.text("描述 Description"));
        return new Report("收款明细 Payments", ZONE, header, columns,
                sink -> reads.each(merchantId, q, p -> sink.accept(Arrays.asList(p.createdAt(), p.id(), p.status(), p.method(), p.cardBrand(),
                        p.cardLast4() != null ? p.cardLast4() : p.payerLast4(), p.currency(), new Money(p.amount(), p.currency()),
                        new Money(p.amountReceived(), p.currency()), new Money(p.amountRefunded(), p.currency()), p.description()))),
                List.of());
    }

    private static void filter(List<Field> header, String label, String value) {
        if (value != null) {
            header.add(Field.text(label, value));
        }
    }

    @Override
    public Optional<PaymentTimeline> timeline(String merchantId, String paymentId) {
        Objects.requireNonNull(merchantId, "merchantId");
        if (paymentId == null || paymentId.isBlank() || paymentId.length() > 40) {
            return Optional.empty();
        }
        return reads.timeline(merchantId, paymentId);
    }
}
