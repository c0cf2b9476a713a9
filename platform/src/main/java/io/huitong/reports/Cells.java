package io.huitong.reports;

import io.huitong.kernel.Currencies;
import io.huitong.kernel.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;

/** The values of cells and fields: which types each kind takes, and the conversions every format shares. */
final class Cells {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    // seconds always printed, so every line of a CSV has the same shape (ISO_OFFSET_DATE_TIME drops ":00")
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Cells() {
    }

    static boolean isDateTime(Object value) {
        return value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime
                || value instanceof LocalDateTime || value instanceof LocalDate;
    }

    /** The row when each value fits its column's kind; otherwise an error naming the row (1-based) and column. */
    static List<?> check(List<?> row, List<Column> columns, long rowNumber) {
        if (row == null || row.size() != columns.size()) {
            throw new IllegalArgumentException("row " + rowNumber + " has " + (row == null ? "no" : row.size()) + " values for "
                    + columns.size() + " columns");
        }
        for (int c = 0; c < row.size(); c++) {
            Object value = row.get(c);
            if (value != null && !fits(columns.get(c).kind(), value)) {
                throw new IllegalArgumentException("row " + rowNumber + ", column '" + columns.get(c).label() + "' ("
                        + columns.get(c).kind() + ") cannot hold a " + value.getClass().getName());
            }
        }
        return row;
    }

    private static boolean fits(Column.Kind kind, Object value) {
        return switch (kind) {
            case TEXT -> true;
            case MONEY -> value instanceof Long || value instanceof Integer || value instanceof Money;
            case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
            case DATE_TIME -> isDateTime(value);
        };
    }

    /** A money value as an exact decimal: minor units over the column's digits, or over a {@link Money}'s currency's. */
    static BigDecimal money(Object value, Column column) {
        if (value instanceof Money money) {
            return money(money);
        }
        return BigDecimal.valueOf(((Number) value).longValue(), column.digits());
    }

    static BigDecimal money(Money money) {
        return BigDecimal.valueOf(money.amount(), Currencies.minorUnits(money.currency()));
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A date-time as a wall-clock time in the report's zone; a date stays a date. */
    static Temporal local(Object value, ZoneId zone) {
        return switch (value) {
            case Instant instant -> LocalDateTime.ofInstant(instant, zone);
            case OffsetDateTime odt -> LocalDateTime.ofInstant(odt.toInstant(), zone);
            case ZonedDateTime zdt -> LocalDateTime.ofInstant(zdt.toInstant(), zone);
            case LocalDateTime ldt -> ldt;
            case LocalDate date -> date;
            default -> throw new IllegalArgumentException("not a date-time: " + value.getClass().getName());
        };
    }

    /** How people read a date-time: {@code 2026-03-01 10:15:00} in the report's zone, or {@code 2026-03-01}. */
    static String shown(Object value, ZoneId zone) {
        Temporal local = local(value, zone);
        return local instanceof LocalDateTime ldt ? SHOWN.format(ldt) : local.toString();
    }

    /** ISO 8601 with the zone's offset ({@code 2026-03-01T10:15:00+08:00}), or an ISO date, for programs reading a CSV. */
    static String iso(Object value, ZoneId zone) {
        Temporal local = local(value, zone);
        return local instanceof LocalDateTime ldt ? ISO.format(ldt.atZone(zone)) : local.toString();
    }

    /** A decimal with thousands separators: {@code -1234567.80} becomes {@code -1,234,567.80}. */
    static String grouped(BigDecimal amount) {
        String plain = amount.toPlainString();
        int start = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + 8).append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
    }

    /** A field's value as people read it, e.g. {@code 1,234.56 CNY}. */
    static String shownField(Object value, ZoneId zone) {
        return switch (value) {
            case null -> "";
            case Money money -> grouped(money(money)) + " " + money.currency();
            case Long number -> grouped(BigDecimal.valueOf(number));
            case Integer number -> grouped(BigDecimal.valueOf(number));
            default -> isDateTime(value) ? shown(value, zone) : value.toString();
        };
    }
}
