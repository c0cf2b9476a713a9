package io.huitong.reports;

import io.huitong.kernel.Money;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/** A report as CSV (RFC 4180), written line by line; the layout is described on {@link Reports}. */
final class CsvReportWriter {

    private static final String CRLF = "\r\n";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Writer out;
    private final ZoneId zone;

    private CsvReportWriter(Writer out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    static void write(Report report, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        CsvReportWriter csv = new CsvReportWriter(out, report.zone());
        out.write('\uFEFF');
        out.write(text(report.title()));
        out.write(CRLF);
        csv.fields(report.header());
        out.write(CRLF);
        List<Column> columns = report.columns();
        csv.line(columns.stream().map(column -> text(column.label())).toList());
        long[] count = {0};
        report.rows().forEachRow(row -> {
            List<?> checked = Cells.check(row, columns, ++count[0]);
            try {
                csv.row(checked, columns);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.write(CRLF);
        csv.fields(report.totals());
        out.flush();
    }

    private void row(List<?> row, List<Column> columns) throws IOException {
        for (int c = 0; c < row.size(); c++) {
            if (c > 0) {
                out.write(',');
            }
            Object value = row.get(c);
            if (value != null) {
                out.write(switch (columns.get(c).kind()) {
                    case TEXT -> text(value.toString());
                    case MONEY -> Cells.money(value, columns.get(c)).toPlainString();
                    case INTEGER -> value.toString();
                    case DATE_TIME -> Cells.iso(value, zone);
                });
            }
        }
        out.write(CRLF);
    }

    private void fields(List<Field> fields) throws IOException {
        for (Field field : fields) {
            Object value = field.value();
            String label = text(field.label());
            line(switch (value) {
                case null -> List.of(label, "");
                case Money money -> List.of(label, Cells.money(money).toPlainString(), money.currency());
                case Long number -> List.of(label, number.toString());
                case Integer number -> List.of(label, number.toString());
                default -> List.of(label, Cells.isDateTime(value) ? Cells.iso(value, zone) : text(value.toString()));
            });
        }
    }

    private void line(List<String> encoded) throws IOException {
        out.write(String.join(",", encoded));
        out.write(CRLF);
    }

    /**
     * One text field: a leading apostrophe when a spreadsheet would take it for a formula (numbers such as
     * {@code -12.50} are left alone), then quoted when it holds a comma, quote or line break.
     */
    static String text(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
