package io.huitong.reports;

import io.huitong.kernel.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A labelled value above or below a report's table, e.g. {@code 商户 Merchant: 汇通茶庄} or a total. The value is
 * text, an integer ({@code Long}, {@code Integer}), a {@link Money} (shown with its currency), a date-time (as in
 * {@link Column.Kind#DATE_TIME}) or {@code null} (shown empty).
 */
public record Field(String label, Object value) {

    public Field {
        Objects.requireNonNull(label, "label");
        if (!(value == null || value instanceof CharSequence || value instanceof Long || value instanceof Integer
                || value instanceof Money || Cells.isDateTime(value))) {
            throw new IllegalArgumentException("field '" + label + "' has a value of unsupported type " + value.getClass().getName());
        }
        if (value instanceof CharSequence text) {
            value = text.toString();
        }
    }

    public static Field text(String label, String value) {
        return new Field(label, value);
    }

    public static Field integer(String label, long value) {
        return new Field(label, value);
    }

    public static Field money(String label, Money value) {
        return new Field(label, value);
    }

    public static Field dateTime(String label, Instant value) {
        return new Field(label, value);
    }

    public static Field dateTime(String label, OffsetDateTime value) {
        return new Field(label, value);
    }

    public static Field dateTime(String label, ZonedDateTime value) {
        return new Field(label, value);
    }

    public static Field dateTime(String label, LocalDateTime value) {
        return new Field(label, value);
    }

    public static Field date(String label, LocalDate value) {
        return new Field(label, value);
    }
}
