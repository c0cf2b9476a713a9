package io.huitong.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

    @Test
    void startsWithAByteOrderMarkAndWritesHeaderTableAndTotalsWithCrlf() throws IOException {
        byte[] bytes = write(Statements.twoLines());

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n");
        assertThat(csv.split("\r\n", -1)).containsExactly(
                "结算单 Settlement statement stl_0001",
                "商户 Merchant,汇通茶庄",
                "结算周期 Period,2026-03-01 – 2026-03-01",
                "营业日 Business day,2026-03-02",
                "币种 Currency,CNY",
                "",
                "时间 Time,类型 Type,支付单 Payment,订单号 Order,总额 Gross,手续费 Fee,净额 Net",
                "2026-03-01T10:15:00+08:00,支付 Payment,pay_001,茶-0001,1234.56,-12.50,1222.06",
                "2026-03-01T10:16:00+08:00,退款 Refund,re_001,,-50.00,0.00,-50.00",
                "",
                "总额 Gross,1234.56,CNY",
                "手续费 Fees,-12.50,CNY",
                "净额 Net,1222.06,CNY",
                "笔数 Lines,2",
                "");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsAnApostropheAndNumbersStayNumbers() {
        assertThat(CsvReportWriter.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvReportWriter.text("+86 138")).isEqualTo("'+86 138");
        assertThat(CsvReportWriter.text("-cmd")).isEqualTo("'-cmd");
        assertThat(CsvReportWriter.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvReportWriter.text("\tx")).isEqualTo("'\tx");
        assertThat(CsvReportWriter.text("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvReportWriter.text("-12.50")).isEqualTo("-12.50");
        assertThat(CsvReportWriter.text("-7")).isEqualTo("-7");
        assertThat(CsvReportWriter.text("汇通, \"茶庄\"")).isEqualTo("\"汇通, \"\"茶庄\"\"\"");
        assertThat(CsvReportWriter.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvReportWriter.text("a=b")).isEqualTo("a=b");
    }

    @Test
    void escapesTextCellsAndFieldsButNotAmounts() throws IOException {
        Report report = new Report("=cmd", Statements.SHANGHAI, List.of(Field.text("@label", "-x")),
                List.of(Column.text("+t"), Column.money("m", 0), Column.integer("n")),
                RowSource.of(List.of(List.of("=1+1", -1250L, -3), List.of("-12.50", Money.of(-1250, "CNY"), 4))),
                List.of(Field.money("total", Money.of(5, "JPY"))));

        String csv = new String(write(report), StandardCharsets.UTF_8).substring(1);

        assertThat(csv.split("\r\n")).containsExactly("'=cmd", "'@label,'-x", "", "'+t,m,n", "'=1+1,-1250,-3",
                "-12.50,-12.50,4", "", "total,5,JPY");
    }

    @Test
    void refusesARowThatDoesNotFitItsColumns() {
        Report tooShort = Statements.report(RowSource.of(List.of(List.of("x"))));
        assertThatThrownBy(() -> write(tooShort)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 1 values for 7 columns");

        Report wrongType = Statements.report(RowSource.of(List.of(
                List.of(Statements.START, "t", "p", "o", 12.5d, 0L, 0L))));
        assertThatThrownBy(() -> write(wrongType)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column '总额 Gross' (MONEY) cannot hold a java.lang.Double");
    }

    private static byte[] write(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Reports.write(report, ReportFormat.CSV, out);
        return out.toByteArray();
    }
}
