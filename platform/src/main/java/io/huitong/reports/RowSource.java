package io.huitong.reports;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The rows of a report's table, pushed one at a time so that no writer ever holds them all: a source reading a
 * database cursor hands each row on as it is read, e.g.
 * {@code sink -> jdbc.sql(sql).query((ResultSet rs) -> sink.accept(List.of(rs.getString(1), rs.getLong(2))))}.
 * A row holds one value per column, in column order ({@code null} for an empty cell; use
 * {@code Arrays.asList} for rows with nulls). The writer calls {@link #forEachRow} exactly once; an
 * {@link java.io.UncheckedIOException} the sink throws (the client went away) must be let through.
 */
@FunctionalInterface
public interface RowSource {

    void forEachRow(Consumer<List<?>> sink);

    /** Rows already at hand, or an {@code Iterable} that reads them lazily. */
    static RowSource of(Iterable<? extends List<?>> rows) {
        Objects.requireNonNull(rows, "rows");
        return sink -> rows.forEach(sink);
    }

    /** Rows from an iterator; such a source can be written once only. */
    static RowSource of(Iterator<? extends List<?>> rows) {
        Objects.requireNonNull(rows, "rows");
        return sink -> rows.forEachRemaining(sink);
    }
}
