package io.huitong.web.reconciliation;

import io.huitong.kernel.Money;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.ReconciliationBreak;
import io.huitong.reconciliation.Reconciliations;
import io.huitong.reports.Column;
import io.huitong.reports.Field;
import io.huitong.reports.Report;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reconciliation's report (对账报告), for finance staff and auditors: which statement, what matching counted, the bank's
 * roll-forward, then one line per break (and per match made otherwise than by the same day's reference) with both sides'
 * amounts and how it was resolved. Bilingual labels.
 */
final class ReconciliationReports {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ReconciliationReports() {
    }

    static Report of(Reconciliation r, Reconciliations reconciliations) {
        List<Field> header = new ArrayList<>();
        header.add(Field.text("对账单号 Reconciliation", r.id()));
        header.add(Field.text("渠道 Channel", r.channel()));
        header.add(Field.date("业务日期 Business date", r.businessDate()));
        header.add(Field.text("对账文件 Statement", r.format()));
        header.add(Field.text("状态 Status", r.status()));
        header.add(Field.integer("对账行数 Statement lines", r.total()));
        if (r.supersedes() != null) {
            header.add(Field.text("取代 Supersedes", r.supersedes()));
        }
        Reconciliation.Reserve reserve = r.reserve();
        if (reserve != null) {
            header.add(Field.money("期初余额 Opening balance", new Money(reserve.opening(), reserve.currency())));
            header.add(Field.money("贷方 Credits", new Money(reserve.credits(), reserve.currency())));
            header.add(Field.money("借方 Debits", new Money(reserve.debits(), reserve.currency())));
            header.add(Field.money("期末余额 Closing balance", new Money(reserve.closing(), reserve.currency())));
            if (reserve.ledgerBalance() != null) {
                header.add(Field.money("账簿余额 Ledger balance", new Money(reserve.ledgerBalance(), reserve.currency())));
                header.add(Field.money("差额 Difference", new Money(reserve.difference(), reserve.currency())));
            }
        }
        // few text columns: on a printed page they share what the amounts leave, and a reference must stay whole
        List<Column> columns = List.of(Column.text("类别 Class"), Column.text("参考号 Reference"), Column.text("渠道参考号 Channel reference"),
                Column.money("我方金额 Our amount", 2), Column.money("渠道金额 Channel amount", 2), Column.dateTime("发生日 Origin date"),
                Column.text("处理 Resolution"), Column.text("备注 Note"));
        Reconciliation.Counts c = r.counts();
        List<Field> totals = List.of(Field.integer("相符 Matched", c.matched()), Field.integer("我方缺失 Missing in ledger", c.missingInLedger()),
                Field.integer("渠道缺失 Missing in channel", c.missingInChannel()), Field.integer("金额不符 Amount mismatch", c.amountMismatch()),
                Field.integer("状态不符 Status mismatch", c.statusMismatch()), Field.integer("币种不符 Currency mismatch", c.currencyMismatch()),
                Field.integer("重复 Duplicate", c.duplicate()), Field.integer("在途 Timing", c.timing()));
        return new Report("对账报告 Reconciliation report " + r.id(), ZONE, header, columns,
                sink -> reconciliations.eachItem(r.id(), b -> sink.accept(row(b))), totals);
    }

    private static List<?> row(ReconciliationBreak b) {
        return Arrays.asList(b.breakClass(), b.reference(), b.channelReference(), money(b.ourAmount(), b.currency()),
                money(b.channelAmount(), b.currency()), b.originDate(), resolution(b), b.note());
    }

    /** Open, waiting for an approval, or how and by whom it was resolved. */
    private static String resolution(ReconciliationBreak b) {
        if (b.status() == null) {
            return b.matchedBy() == null ? null : "by " + b.matchedBy();
        }
        if (ReconciliationBreak.OPEN.equals(b.status())) {
            return b.approval() == null ? "open" : "open, approval " + b.approval();
        }
        return b.resolution() + (b.resolvedBy() == null ? "" : " by " + b.resolvedBy());
    }

    /** The amount in its own currency's minor units (the column's two digits are for plain numbers only). */
    private static Object money(Long amount, String currency) {
        return amount == null ? null : currency == null ? amount : new Money(amount, currency);
    }
}
