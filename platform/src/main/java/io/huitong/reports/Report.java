package io.huitong.reports;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A tabular document for people: a title, labelled header fields, a table whose rows are streamed, and labelled
 * totals after the table. Write it with {@link Reports#write}.
 *
 * @param title   shown on top (and in the PDF's page footer and the spreadsheet's sheet name)
 * @param zone    the zone date-times are shown in, e.g. {@code Asia/Shanghai} for a merchant's statement
 * @param header  fields above the table, e.g. merchant and period
 * @param columns the table's columns, at least one
 * @param rows    the table's rows, read once while the document is written
 * @param totals  fields after the table
 */
public record Report(String title, ZoneId zone, List<Field> header, List<Column> columns, RowSource rows, List<Field> totals) {

    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(rows, "rows");
        header = List.copyOf(header);
        columns = List.copyOf(columns);
        totals = List.copyOf(totals);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one column");
        }
    }
}
