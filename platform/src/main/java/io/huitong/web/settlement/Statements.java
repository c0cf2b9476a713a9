package io.huitong.web.settlement;

import io.huitong.identity.Merchant;
import io.huitong.kernel.Money;
import io.huitong.reports.Column;
import io.huitong.reports.Field;
import io.huitong.reports.Report;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.Settlements;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A settlement's statement (结算单): who, which business date and period, the rate when converted, one line per
 * payment (with its fee), refund and adjustment in the currency it happened in, and the totals in the settlement
 * currency. Bilingual labels, as merchants' finance staff and auditors read them. The API and the merchant dashboard
 * serve the same statement.
 */
public final class Statements {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Statements() {
    }

    public static Report of(Settlement s, Merchant merchant, Settlements settlements) {
        List<Field> header = new ArrayList<>();
        header.add(Field.text("商户 Merchant", merchant == null ? s.merchantId() : merchant.name()));
        header.add(Field.text("商户号 Merchant ID", s.merchantId()));
        header.add(Field.text("结算单号 Settlement", s.id()));
        header.add(Field.date("业务日期 Business date", s.businessDate()));
        header.add(Field.dateTime("周期起 Period from", s.periodStart()));
        header.add(Field.dateTime("周期止 Period to", s.periodEnd()));
        header.add(Field.text("结算币种 Settlement currency", s.currency()));
        if (s.fxRate() != null) {
            header.add(Field.text("汇率 Exchange rate", "1 " + s.sourceCurrency() + " = " + s.fxRate().toPlainString() + " " + s.currency()));
        }
        header.add(Field.text("状态 Status", s.status()));
        String lineCurrency = s.sourceCurrency();
        List<Column> columns = List.of(Column.dateTime("时间 Time"), Column.text("类型 Type"), Column.text("单号 Reference"),
                Column.money("总额 Gross", lineCurrency), Column.money("手续费 Fee", lineCurrency), Column.money("退款 Refund", lineCurrency),
                Column.money("调整 Adjustment", lineCurrency), Column.money("净额 Net", lineCurrency));
        List<Field> totals = List.of(Field.integer("笔数 Lines", s.linesCount()),
                Field.money("总额 Gross", new Money(s.gross(), s.currency())),
                Field.money("手续费 Fees", new Money(s.fees(), s.currency())),
                Field.money("退款 Refunds", new Money(s.refunds(), s.currency())),
                Field.money("调整 Adjustments", new Money(s.adjustments(), s.currency())),
                Field.money("净额 Net", new Money(s.net(), s.currency())));
        return new Report("结算单 Settlement statement " + s.id(), ZONE, header, columns,
                sink -> settlements.eachLine(s.id(), l -> sink.accept(List.of(l.happenedAt(), kind(l.kind()), l.objectId(), l.gross(), l.fee(),
                        l.refund(), l.adjustment(), l.net()))),
                totals);
    }

    /** Streams a report as the answer, a file to save. */
    public static void write(io.huitong.reports.Report report, io.huitong.reports.ReportFormat format, String name,
                             jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.setContentType(format.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
        response.setHeader("Cache-Control", "no-store");
        io.huitong.reports.Reports.write(report, format, response.getOutputStream());
        response.flushBuffer();
    }

    private static String kind(String kind) {
        return switch (kind) {
            case "payment" -> "收款 payment";
            case "refund" -> "退款 refund";
            default -> "调整 adjustment";
        };
    }
}
