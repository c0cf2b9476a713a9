package io.huitong.protocols.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.statements.EcnyBill.Line;
import io.huitong.protocols.statements.EcnyBill.Status;
import io.huitong.protocols.statements.EcnyBill.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcnyBillTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 5);
    static final Instant AT = Instant.parse("2026-12-05T03:12:45Z");

    static final List<Line> LINES = List.of(
            new Line(AT, "M100000001", Type.PAYMENT, "ec00000000000001", "pay_A", null, 1000, 0, "CNY", Status.SUCCESS),
            new Line(AT.plusSeconds(60), "M100000001", Type.REFUND, "er00000000000002", "re_B", "pay_A", 400, 0, "CNY", Status.SUCCESS),
            new Line(AT.plusSeconds(120), "M100000001", Type.PAYMENT, "ec00000000000003", "pay_C", null, 50, 0, "CNY", Status.FAILED));

    static String write(List<Line> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EcnyBillWriter w = new EcnyBillWriter(out, DAY)) {
            lines.forEach(w::write);
            w.finish();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Line> read(String bill) {
        List<Line> lines = new ArrayList<>();
        try (EcnyBillReader r = EcnyBillReader.open(new ByteArrayInputStream(bill.getBytes(StandardCharsets.UTF_8)))) {
            for (Line l; (l = r.next()) != null; ) {
                lines.add(l);
            }
            assertThat(r.totals()).isEqualTo(new EcnyBill.Totals(DAY, lines.size(), 1000, 400, 0));
        }
        return lines;
    }

    @Test
    void writtenLinesReadBackTheSame() {
        String bill = write(LINES);
        assertThat(read(bill)).isEqualTo(LINES);
        assertThat(bill).startsWith("trade_time,merchant_no,trade_type,order_no,out_trade_no,original_out_trade_no,amount,fee,currency,status\r\n"
                + "2026-12-05T11:12:45+08:00,M100000001,PAYMENT,ec00000000000001,pay_A,,1000,0,CNY,SUCCESS\r\n").endsWith("TOTAL,2026-12-05,3,1000,400,0\r\n");
    }

    private static void refused(String bill, String message) {
        assertThatThrownBy(() -> read(bill)).isInstanceOf(StatementFormatException.class).hasMessage(message);
    }

    @Test
    void malformedBillsAreRefusedNamingTheLine() {
        String bill = write(LINES);
        refused(bill.replace(",1000,0,CNY", ",1000,CNY"), "line 2: a line has 9 columns, expected 10");
        refused(bill.replace(",400,0,", ",4OO,0,"), "line 3: bad amount in amount: \"4OO\" (expected whole minor units)");
        refused(bill.replace("TOTAL,2026-12-05", "TOTAL,2026-02-30"), "line 5: bad date in bill_date: \"2026-02-30\" (expected YYYY-MM-DD)");
        refused(bill.replace("TOTAL,2026-12-05,3,", "TOTAL,2026-12-05,2,"),
                "line 5: the summary disagrees with the details: the count is 2 but the lines add up to 3");
        refused(bill.substring(0, bill.indexOf("TOTAL")), "line 5: the bill ends without its TOTAL line: truncated");
        refused(bill.replace("2026-12-05T11:13:45+08:00", "yesterday"),
                "line 3: bad time in trade_time: \"yesterday\" (expected 2026-12-05T11:12:45+08:00)");
        refused(bill.replace(",pay_A,400", ",,400"), "line 3: a refund needs its original_out_trade_no");
    }
}
