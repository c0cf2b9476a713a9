package io.huitong.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes a {@link Report} as CSV, XLSX or PDF, streaming: rows go out as the {@link RowSource} pushes them, so a
 * statement of a million lines needs no more memory than one of ten.
 * <ul>
 * <li><b>CSV</b>: UTF-8 with a byte-order mark (so spreadsheets read Chinese), CRLF, RFC 4180 quoting. The title on
 * the first line, then one {@code label,value} line per header field, a blank line, the column titles, the rows, a
 * blank line and one {@code label,value} line per total. Money is a plain decimal ({@code 1234.56}; a
 * {@code Money} field adds its currency as a third value), date-times are ISO 8601 with the report zone's offset.
 * A text that would start with {@code = + - @}, a tab or a CR gets a leading apostrophe, so a spreadsheet shows
 * it rather than running it as a formula; numbers such as {@code -12.50} stay as they are.</li>
 * <li><b>XLSX</b>: title and header fields on top, bold column titles in a frozen row, money as numeric cells
 * with a {@code #,##0.00} format (digits as the currency has), date-times as date cells, text always as text
 * (never a formula), totals after the table. Past Excel's 1,048,576 rows the table goes on in a new sheet.</li>
 * <li><b>PDF</b>: A4 (landscape when the columns need it), with the embedded CJK font; title, header fields,
 * the table with its column titles on every page, money right-aligned as {@code 1,234.56}, long text cut with
 * "…", page numbers as "K / N", totals at the end. A character the font lacks is shown as {@code ?}.</li>
 * </ul>
 * The stream is flushed, not closed: it belongs to the caller.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * Writes {@code report} to {@code out} in {@code format}. An {@link IOException} (the client went away) stops the
     * rows' source; a row that does not fit its columns is an {@link IllegalArgumentException}, and the document
     * written so far is incomplete.
     */
    public static void write(Report report, ReportFormat format, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        OutputStream kept = new KeepOpen(out);
        try {
            switch (format) {
                case CSV -> CsvReportWriter.write(report, kept);
                case XLSX -> XlsxReportWriter.write(report, kept);
                case PDF -> PdfReportWriter.write(report, kept);
            }
        } catch (UncheckedIOException e) {
            // an I/O failure inside the rows' callback comes back wrapped; the caller sees the original
            throw e.getCause();
        }
        out.flush();
    }
}
