package io.huitong.protocols.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.statements.AcquirerSettlement.Code;
import io.huitong.protocols.statements.AcquirerSettlement.Line;
import io.huitong.protocols.statements.AcquirerSettlement.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcquirerSettlementTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 5);
    static final Instant AT = Instant.parse("2026-12-05T03:12:45Z");

    static List<Line> lines() {
        return List.of(
                new Line(Code.SALE, "000017", AT, "424242******4242", 1000, "CNY", "000123456790", "482913", "pay_A", "mer_1", 6, 994, null, Status.SETTLED),
                new Line(Code.CAPTURE, "000018", AT, null, 2500, "USD", "000123456791", null, "pay_B", null, 15, 2485, null, Status.SETTLED),
                new Line(Code.REFUND, "000019", AT, "424242******4242", 300, "CNY", "000123456792", "119004", "re_C", "mer_1", 0, -300, "pay_A",
                        Status.SETTLED),
                new Line(Code.REVERSAL, "000020", AT, null, 2500, "USD", "000123456791", null, "pay_B", null, -15, -2485, "pay_B", Status.SETTLED),
                new Line(Code.SALE, "000021", AT, null, 700, "CNY", "000123456793", "000001", "pay_\"odd, one\"", "mer,2", 0, 0, null, Status.FAILED));
    }

    static byte[] write(List<Line> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header("acq_a", DAY))) {
            lines.forEach(w::write);
            w.finish();
        }
        return out.toByteArray();
    }

    static List<Line> read(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        try (AcquirerSettlementReader r = AcquirerSettlementReader.open(new ByteArrayInputStream(bytes))) {
            for (Line l; (l = r.next()) != null; ) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void writtenLinesReadBackTheSame() {
        byte[] file = write(lines());
        try (AcquirerSettlementReader r = AcquirerSettlementReader.open(new ByteArrayInputStream(file))) {
            assertThat(r.header()).isEqualTo(new AcquirerSettlement.Header("acq_a", DAY));
            List<Line> read = new ArrayList<>();
            for (Line l; (l = r.next()) != null; ) {
                read.add(l);
            }
            assertThat(read).isEqualTo(lines());
            assertThat(r.trailer()).isEqualTo(new AcquirerSettlement.Trailer(5, 7000, 6, 694));
            assertThat(r.next()).isNull();
        }
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("H,acquirer_settlement,1,acq_a,2026-12-05\r\n")
                .contains("D,sale,000017,2026-12-05T03:12:45Z,424242******4242,1000,CNY,000123456790,482913,pay_A,mer_1,6,994,,settled\r\n")
                .endsWith("T,5,7000,6,694\r\n");
    }

    @Test
    void anEmptyDayHasAHeaderAndATrailer() {
        assertThat(read(write(List.of()))).isEmpty();
        assertThat(new String(write(List.of()), StandardCharsets.UTF_8)).isEqualTo("H,acquirer_settlement,1,acq_a,2026-12-05\r\nT,0,0,0,0\r\n");
    }

    private static String valid() {
        return new String(write(lines()), StandardCharsets.UTF_8);
    }

    private static void refused(String file, String message) {
        assertThatThrownBy(() -> read(file.getBytes(StandardCharsets.UTF_8))).isInstanceOf(StatementFormatException.class).hasMessage(message);
    }

    @Test
    void malformedFilesAreRefusedNamingTheLine() {
        refused(valid().replace(",482913,pay_A,", ",482913,pay_A,extra,"), "line 2: a detail (D) line has 16 columns, expected 15");
        refused(valid().replace(",1000,CNY,", ",10.00,CNY,"), "line 2: bad amount in amount: \"10.00\" (expected whole minor units)");
        refused(valid().replace("2026-12-05T03:12:45Z,,2500", "2026-13-05T03:12:45Z,,2500"),
                "line 3: bad time in transmission_time: \"2026-13-05T03:12:45Z\" (expected UTC, such as 2026-12-05T03:12:45Z)");
        refused(valid().replace("acq_a,2026-12-05", "acq_a,05/12/2026"), "line 1: bad date in business_date: \"05/12/2026\" (expected YYYY-MM-DD)");
        refused(valid().replace("T,5,7000,6,694\r\n", ""), "line 7: the file ends without its trailer (T) line: truncated");
        refused(valid().substring(0, valid().indexOf("D,refund")), "line 4: the file ends without its trailer (T) line: truncated");
        refused(valid().replace("T,5,7000,6,694", "T,5,7001,6,694"),
                "line 7: the summary disagrees with the details: amount_total is 7001 but the lines add up to 7000");
        refused(valid().replace("T,5,", "T,4,"), "line 7: the summary disagrees with the details: the count is 4 but the lines add up to 5");
        refused(valid() + "D,sale\r\n", "line 8: a line after the trailer");
        refused(valid().replace(",6,994,", ",6,995,"),
                "line 2: settlement_amount 995 does not follow from amount 1000 and fee 6 for a settled sale");
        refused(valid().replace("D,sale,000017", "D,sell,000017"), "line 2: unknown transaction code \"sell\"");
        refused(valid().replace("-300,pay_A,", "-300,,"), "line 4: a refund needs its original_reference");
        refused(valid().replace(",pay_A,mer_1", ",pa\"y_A,mer_1"), "line 2: a quote inside unquoted field 10");
        refused("", "the file is empty (no header line)");
        refused("D,sale\r\n", "line 1: the first line must be the header (H), not \"D\"");
    }

    @Test
    void aWriterRefusesALineNoReaderWouldTake() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header("acq_a", DAY))) {
            assertThatThrownBy(() -> w.write(new Line(Code.SALE, "17", AT, null, 1000, "CNY", "1", null, "pay_A", null, 0, 1000, null, Status.SETTLED)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad stan");
        }
        // closed without finish: no trailer, so the file reads as truncated
        assertThatThrownBy(() -> read(out.toByteArray())).hasMessageContaining("truncated");
    }
}
