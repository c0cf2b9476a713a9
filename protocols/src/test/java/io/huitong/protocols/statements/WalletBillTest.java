package io.huitong.protocols.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.statements.WalletBill.Line;
import io.huitong.protocols.statements.WalletBill.Status;
import io.huitong.protocols.statements.WalletBill.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletBillTest {

    static final LocalDateTime AT = LocalDateTime.of(2026, 12, 5, 11, 12, 45);

    static final List<Line> LINES = List.of(
            new Line(AT, "2021000000000001", "wp2026120500000001", "pay_A", null, Type.PAYMENT, Status.SUCCESS, 1000, 6, "CNY"),
            new Line(AT.plusHours(1), "2021000000000001", "wp2026120500000001", "pay_A", "re_B", Type.REFUND, Status.SUCCESS, 300, 0, "CNY"),
            new Line(AT.plusHours(2), "2021000000000001", "wp2026120500000002", "pay_C", null, Type.PAYMENT, Status.FAILED, 5, 0, "CNY"));

    static String write(List<Line> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WalletBillWriter w = new WalletBillWriter(out)) {
            lines.forEach(w::write);
            w.finish();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Line> read(String bill) {
        List<Line> lines = new ArrayList<>();
        try (WalletBillReader r = WalletBillReader.open(new ByteArrayInputStream(bill.getBytes(StandardCharsets.UTF_8)))) {
            for (Line l; (l = r.next()) != null; ) {
                lines.add(l);
            }
            assertThat(r.summary().count()).isEqualTo(lines.size());
        }
        return lines;
    }

    @Test
    void writtenLinesReadBackTheSame() {
        String bill = write(LINES);
        assertThat(read(bill)).isEqualTo(LINES);
        assertThat(bill).isEqualTo("""
                trade_time,app_id,trade_no,out_trade_no,out_refund_no,type,status,amount,fee,currency\r
                `2026-12-05 11:12:45,`2021000000000001,`wp2026120500000001,`pay_A,`,`PAYMENT,`SUCCESS,`10.00,`0.06,`CNY\r
                `2026-12-05 12:12:45,`2021000000000001,`wp2026120500000001,`pay_A,`re_B,`REFUND,`SUCCESS,`3.00,`0.00,`CNY\r
                `2026-12-05 13:12:45,`2021000000000001,`wp2026120500000002,`pay_C,`,`PAYMENT,`FAILED,`0.05,`0.00,`CNY\r
                total_count,total_amount,total_fee\r
                `3,`7.00,`0.06\r
                """);
        assertThat(LINES.get(1).reference()).isEqualTo("re_B");
    }

    private static void refused(String bill, String message) {
        assertThatThrownBy(() -> read(bill)).isInstanceOf(StatementFormatException.class).hasMessage(message);
    }

    @Test
    void malformedBillsAreRefusedNamingTheLine() {
        String bill = write(LINES);
        refused(bill.replace("`pay_A,`,`PAYMENT", "pay_A,`,`PAYMENT"), "line 2: column 4 is not prefixed with a backtick");
        refused(bill.replace("`10.00,", "`10.0,"), "line 2: bad amount in amount: \"10.0\" (expected a decimal with two places)");
        refused(bill.replace("`10.00,", "`10.00,`x,"), "line 2: a detail line has 11 columns, expected 10");
        refused(bill.replace("`2026-12-05 12:12:45", "`2026-12-05T12:12:45"),
                "line 3: bad time in trade_time: \"2026-12-05T12:12:45\" (expected yyyy-MM-dd HH:mm:ss)");
        refused(bill.replace("`3,`7.00,`0.06", "`3,`7.01,`0.06"),
                "line 6: the summary disagrees with the details: total_amount (in fen) is 701 but the lines add up to 700");
        refused(bill.substring(0, bill.indexOf("`3,")), "line 6: the bill ends after the summary header: truncated");
        refused(bill.substring(0, bill.indexOf("total_count")), "line 5: the bill ends without its summary: truncated");
        refused(bill.replace("`SUCCESS,`3.00", "`DONE,`3.00"), "line 3: unknown status \"DONE\" (expected SUCCESS or FAILED)");
        refused("date,amount\r\n", "line 1: the first line must be the column header " + String.join(",", WalletBill.DETAIL_HEADER));
    }
}
