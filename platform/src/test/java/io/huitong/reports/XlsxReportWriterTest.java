package io.huitong.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxReportWriterTest {

    @Test
    void readsBackWithTitleHeaderTypedCellsAndTotals() throws IOException {
        try (XSSFWorkbook workbook = read(Statements.twoLines())) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("结算单 Settlement statement stl_00");
            assertThat(text(sheet, 0, 0)).isEqualTo("结算单 Settlement statement stl_0001");
            assertThat(text(sheet, 1, 0)).isEqualTo("商户 Merchant");
            assertThat(text(sheet, 1, 1)).isEqualTo("汇通茶庄");
            assertThat(sheet.getRow(3).getCell(1).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 2, 0, 0));

            Row titles = sheet.getRow(6);
            assertThat(titles.getCell(0).getStringCellValue()).isEqualTo("时间 Time");
            assertThat(titles.getCell(6).getStringCellValue()).isEqualTo("净额 Net");
            assertThat(workbook.getFontAt(titles.getCell(4).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 7);

            Row payment = sheet.getRow(7);
            assertThat(payment.getCell(0).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 15));
            assertThat(payment.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(payment.getCell(1).getStringCellValue()).isEqualTo("支付 Payment");
            assertThat(payment.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(payment.getCell(4).getNumericCellValue()).isEqualTo(1234.56);
            assertThat(payment.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(payment.getCell(5).getNumericCellValue()).isEqualTo(-12.5);
            assertThat(payment.getCell(6).getNumericCellValue()).isEqualTo(1222.06);
            Row refund = sheet.getRow(8);
            assertThat(refund.getCell(3)).isNull();
            assertThat(refund.getCell(4).getNumericCellValue()).isEqualTo(-50.0);

            assertThat(text(sheet, 10, 0)).isEqualTo("总额 Gross");
            assertThat(sheet.getRow(10).getCell(1).getNumericCellValue()).isEqualTo(1234.56);
            assertThat(sheet.getRow(10).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00\\ \\C\\N\\Y");
            assertThat(sheet.getRow(13).getCell(1).getNumericCellValue()).isEqualTo(2.0);
            assertThat(sheet.getLastRowNum()).isEqualTo(13);
        }
    }

    @Test
    void textThatLooksLikeAFormulaStaysTextAndCellsUnlikeTheirColumnKeepTheirOwnFormat() throws IOException {
        Report report = new Report("t", Statements.SHANGHAI, List.of(),
                List.of(Column.text("备注 Note"), Column.money("金额 Amount", "JPY"), Column.integer("n"), Column.dateTime("at")),
                RowSource.of(List.of(List.of("=HYPERLINK(\"http://evil\",\"点我\")", 1500L, 7, Statements.START),
                        List.of("汇通茶庄", Money.of(1234, "CNY"), 8, LocalDate.of(2026, 3, 2)))),
                List.of());
        try (XSSFWorkbook workbook = read(report)) {
            Sheet sheet = workbook.getSheetAt(0);
            Row row = sheet.getRow(3);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\",\"点我\")");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1500.0);
            assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(7.0);
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            Row other = sheet.getRow(4);
            assertThat(other.getCell(1).getNumericCellValue()).isEqualTo(12.34);
            assertThat(other.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(other.getCell(3).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 2, 0, 0));
            assertThat(other.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
        }
    }

    @Test
    void formatsEveryBlockOfALongTable() throws IOException {
        int lines = XlsxReportWriter.FLUSH_EVERY * 2 + 17;
        try (XSSFWorkbook workbook = read(Statements.statement(lines))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 7; r < 7 + lines; r++) {
                assertThat(sheet.getRow(r).getCell(4).getCellStyle().getDataFormatString()).as("row %d", r).isEqualTo("#,##0.00");
                assertThat(sheet.getRow(r).getCell(0).getCellStyle().getDataFormatString()).as("row %d", r)
                        .isEqualTo("yyyy-mm-dd hh:mm:ss");
            }
            assertThat(sheet.getRow(7 + lines - 1).getCell(2).getStringCellValue()).isEqualTo("pay_" + (lines - 1));
            assertThat(text(sheet, 7 + lines + 1, 0)).isEqualTo("总额 Gross");
        }
    }

    @Test
    void aTableLongerThanASheetGoesOnInTheNextWithItsColumnTitles() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(Statements.statement(130), out, 60);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            Sheet first = workbook.getSheetAt(0);
            Sheet second = workbook.getSheetAt(1);
            Sheet third = workbook.getSheetAt(2);
            assertThat(second.getSheetName()).isEqualTo("结算单 Settlement statement st (2)");
            assertThat(text(first, first.getLastRowNum(), 2)).isEqualTo("pay_47");
            assertThat(text(second, 0, 0)).isEqualTo("时间 Time");
            assertThat(second.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(text(second, 1, 2)).isEqualTo("pay_48");
            assertThat(second.getRow(1).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(text(third, 1, 2)).isEqualTo("pay_" + (48 + 54));
            assertThat(text(third, third.getLastRowNum(), 0)).isEqualTo("笔数 Lines");
        }
    }

    @Test
    void sheetNamesFollowExcelsRules() {
        assertThat(XlsxReportWriter.sheetName("对账 [2026/03/01]: a*b?", 1)).isEqualTo("对账  2026 03 01   a b");
        assertThat(XlsxReportWriter.sheetName("   ", 1)).isEqualTo("Report");
        assertThat(XlsxReportWriter.sheetName("x".repeat(40), 2)).isEqualTo("x".repeat(27) + " (2)");
    }

    private static XSSFWorkbook read(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Reports.write(report, ReportFormat.XLSX, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static String text(Sheet sheet, int row, int column) {
        return sheet.getRow(row).getCell(column).getStringCellValue();
    }
}
