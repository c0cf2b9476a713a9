package io.huitong.reports;

import io.huitong.kernel.Currencies;
import io.huitong.kernel.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A report as an Excel workbook, written with FastExcel straight into the zip stream: rows are flushed every
 * {@value #FLUSH_EVERY}, so memory stays flat however long the table; no temporary files either. Number formats
 * are set per column for each block of rows before it is flushed (one style lookup per column, not per cell);
 * only a cell that differs from its column (a {@code Money} in another currency, a date in a date-time column)
 * gets its own.
 */
final class XlsxReportWriter {

    static final int FLUSH_EVERY = 1_000;
    private static final String DATE_TIME = "yyyy-mm-dd hh:mm:ss";
    private static final String DATE = "yyyy-mm-dd";

    private final Report report;
    private final Workbook workbook;
    private final int maxRows;
    private final List<Own> owns = new ArrayList<>();
    private Worksheet sheet;
    private int sheets;
    private int row;
    private int blockStart;

    /** A cell whose number format is not its column's. */
    private record Own(int row, int column, String format) {
    }

    private XlsxReportWriter(Report report, Workbook workbook, int maxRows) {
        this.report = report;
        this.workbook = workbook;
        this.maxRows = maxRows;
    }

    static void write(Report report, OutputStream out) throws IOException {
        write(report, out, Worksheet.MAX_ROWS);
    }

    /** As {@link #write(Report, OutputStream)}, with sheets of at most {@code maxRows} rows. */
    static void write(Report report, OutputStream out, int maxRows) throws IOException {
        Workbook workbook = new Workbook(out, "Huitong", "1.0");
        XlsxReportWriter xlsx = new XlsxReportWriter(report, workbook, maxRows);
        xlsx.newSheet();
        xlsx.sheet.inlineString(0, 0, report.title());
        xlsx.sheet.style(0, 0).bold().fontSize(14).set();
        xlsx.row = 1;
        xlsx.fields(report.header());
        xlsx.row++;
        xlsx.columnTitles();
        List<Column> columns = report.columns();
        long[] count = {0};
        report.rows().forEachRow(values -> {
            List<?> checked = Cells.check(values, columns, ++count[0]);
            try {
                xlsx.row(checked);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        xlsx.styleBlock();
        xlsx.row++;
        xlsx.fields(report.totals());
        workbook.finish();
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.newWorksheet(sheetName(report.title(), sheets));
        List<Column> columns = report.columns();
        // widths must be known before the first flush writes the sheet's column definitions
        for (int c = 0; c < Math.max(2, columns.size()); c++) {
            sheet.width(c, c < columns.size() ? width(columns.get(c)) : 24);
        }
    }

    private void columnTitles() {
        List<Column> columns = report.columns();
        for (int c = 0; c < columns.size(); c++) {
            sheet.inlineString(row, c, columns.get(c).label());
            sheet.style(row, c).bold().fillColor("FFDDE3EA").horizontalAlignment(columns.get(c).numeric() ? "right" : "left").set();
        }
        sheet.freezePane(0, row + 1);
        row++;
        blockStart = row;
    }

    private void row(List<?> values) throws IOException {
        // keep room below the table for its totals, then carry on in a sheet of its own
        if (row >= maxRows - report.totals().size() - 1) {
            styleBlock();
            sheet.finish();
            newSheet();
            row = 0;
            columnTitles();
        }
        List<Column> columns = report.columns();
        for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value != null) {
                cell(c, columns.get(c), value);
            }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            styleBlock();
            sheet.flush();
        }
    }

    /** Number formats for the rows written since the last flush: per column, then the cells of their own. */
    private void styleBlock() {
        if (row == blockStart) {
            return;
        }
        List<Column> columns = report.columns();
        for (int c = 0; c < columns.size(); c++) {
            String format = columnFormat(columns.get(c));
            if (format != null) {
                sheet.range(blockStart, c, row - 1, c).style().format(format).set();
            }
        }
        for (Own own : owns) {
            sheet.style(own.row(), own.column()).format(own.format()).set();
        }
        owns.clear();
        blockStart = row;
    }

    private static String columnFormat(Column column) {
        return switch (column.kind()) {
            case MONEY -> moneyFormat(column.digits());
            case DATE_TIME -> DATE_TIME;
            case TEXT, INTEGER -> null;
        };
    }

    private void cell(int c, Column column, Object value) {
        switch (column.kind()) {
            case TEXT -> sheet.inlineString(row, c, value.toString());
            case MONEY -> {
                sheet.value(row, c, Cells.money(value, column));
                if (value instanceof Money money && Currencies.minorUnits(money.currency()) != column.digits()) {
                    owns.add(new Own(row, c, moneyFormat(Currencies.minorUnits(money.currency()))));
                }
            }
            case INTEGER -> sheet.value(row, c, (Number) value);
            case DATE_TIME -> {
                Temporal local = Cells.local(value, report.zone());
                if (local instanceof LocalDateTime ldt) {
                    sheet.value(row, c, ldt);
                } else {
                    sheet.value(row, c, (LocalDate) local);
                    owns.add(new Own(row, c, DATE));
                }
            }
        }
    }

    /** A date-time field's value, formatted on the spot (fields are few and outside the table's blocks). */
    private void dateTime(int c, Object value) {
        Temporal local = Cells.local(value, report.zone());
        if (local instanceof LocalDateTime ldt) {
            sheet.value(row, c, ldt);
            sheet.style(row, c).format(DATE_TIME).set();
        } else {
            sheet.value(row, c, (LocalDate) local);
            sheet.style(row, c).format(DATE).set();
        }
    }

    private void fields(List<Field> fields) {
        for (Field field : fields) {
            sheet.inlineString(row, 0, field.label());
            sheet.style(row, 0).bold().set();
            switch (field.value()) {
                case null -> {
                }
                case Money money -> {
                    sheet.value(row, 1, Cells.money(money));
                    // the literal escaped character by character: FastExcel does not escape quotes in formats
                    String format = moneyFormat(Currencies.minorUnits(money.currency())) + "\\ " + money.currency().replaceAll(".", "\\\\$0");
                    sheet.style(row, 1).format(format).horizontalAlignment("left").set();
                }
                case Long number -> sheet.value(row, 1, number);
                case Integer number -> sheet.value(row, 1, number);
                case String text -> sheet.inlineString(row, 1, text);
                default -> dateTime(1, field.value());
            }
            row++;
        }
    }

    static String moneyFormat(int digits) {
        return digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
    }

    /** A column's width in characters: enough for its kind's values and for its title, where a CJK character is two. */
    private static double width(Column column) {
        int title = 2;
        for (int i = 0; i < column.label().length(); i++) {
            title += Character.UnicodeScript.of(column.label().charAt(i)) == Character.UnicodeScript.HAN ? 2 : 1;
        }
        int values = switch (column.kind()) {
            case TEXT -> 24;
            case MONEY -> 16;
            case INTEGER -> 10;
            case DATE_TIME -> 20;
        };
        return Math.min(60, Math.max(title, values));
    }

    /** Excel's rules for sheet names: at most 31 characters, none of {@code []:*?/\'}, never empty. */
    static String sheetName(String title, int number) {
        String suffix = number == 1 ? "" : " (" + number + ")";
        String name = title.replaceAll("[\\[\\]:*?/\\\\']", " ").strip();
        if (name.isEmpty()) {
            name = "Report";
        }
        int room = 31 - suffix.length();
        if (name.length() > room) {
            name = name.substring(0, Character.isHighSurrogate(name.charAt(room - 1)) ? room - 1 : room).strip();
        }
        return name + suffix;
    }
}
