package io.huitong.reports;

import io.huitong.kernel.Currencies;
import java.util.Objects;

/**
 * A column of a report's table: its title, what kind of value it holds, and for money the number of minor-unit
 * digits its plain {@code Long} values have (a {@link io.huitong.kernel.Money} value brings its own currency's).
 *
 * @param label  the column title as people read it, e.g. {@code "手续费 Fee"}
 * @param kind   how values are checked, aligned and formatted
 * @param digits minor-unit digits of {@code Long} money values (2 for CNY, 0 for JPY); 0 for other kinds
 */
public record Column(String label, Kind kind, int digits) {

    /** What a column holds; each format renders a kind its own way (see {@link Reports}). */
    public enum Kind {
        /** Any value, written as its text ({@code null} is empty). */
        TEXT,
        /** A {@code Long}/{@code Integer} of minor units, or a {@link io.huitong.kernel.Money}. */
        MONEY,
        /** A {@code Long}, {@code Integer}, {@code Short} or {@code Byte}. */
        INTEGER,
        /**
         * An {@code Instant}, {@code OffsetDateTime} or {@code ZonedDateTime} (shown in the report's zone), a
         * {@code LocalDateTime} (taken as already in that zone) or a {@code LocalDate}.
         */
        DATE_TIME
    }

    public Column {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.MONEY ? digits < 0 || digits > 6 : digits != 0) {
            throw new IllegalArgumentException("digits must be 0-6 for a money column and 0 otherwise, was " + digits);
        }
    }

    public static Column text(String label) {
        return new Column(label, Kind.TEXT, 0);
    }

    public static Column integer(String label) {
        return new Column(label, Kind.INTEGER, 0);
    }

    public static Column dateTime(String label) {
        return new Column(label, Kind.DATE_TIME, 0);
    }

    /** A money column whose {@code Long} values are minor units of {@code currency} (e.g. 2 digits for CNY). */
    public static Column money(String label, String currency) {
        return new Column(label, Kind.MONEY, Currencies.minorUnits(Currencies.require(currency, "currency")));
    }

    /** A money column whose {@code Long} values have {@code digits} minor-unit digits. */
    public static Column money(String label, int digits) {
        return new Column(label, Kind.MONEY, digits);
    }

    boolean numeric() {
        return kind == Kind.MONEY || kind == Kind.INTEGER;
    }
}
