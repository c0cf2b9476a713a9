package io.huitong.protocols.statements;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/** The field checks every statement layout shares; each names the line and column of what it refuses. */
final class Fields {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,16}\\.[0-9]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** ISO 4217 codes, looked up once: a lookup per line would cost more than the rest of the line's checks. */
    private static final java.util.Set<String> KNOWN_CURRENCIES = Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Fields() {
    }

    /** UTF-8 in, refusing bytes that are not UTF-8 rather than reading them as something else. */
    static java.io.Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    static Writer utf8(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    static void columns(List<String> fields, int expected, long line, String what) {
        if (fields.size() != expected) {
            throw new StatementFormatException(line, what + " has " + fields.size() + " columns, expected " + expected);
        }
    }

    /** A whole number of minor units: digits with an optional minus sign, nothing else. */
    static long minor(String text, long line, String column) {
        if (!isMinor(text)) {
            throw new StatementFormatException(line, "bad amount in " + column + ": \"" + shown(text) + "\" (expected whole minor units)");
        }
        return Long.parseLong(text);
    }

    /** The check of {@link #minor} without a regular expression: it runs for every amount of a file of millions of lines. */
    private static boolean isMinor(String text) {
        int from = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - from;
        return digits >= 1 && digits <= 18 && allDigits(text, from, text.length());
    }

    static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A decimal amount with exactly two decimals ({@code 10.50}), as minor units (1050). */
    static long decimal(String text, long line, String column) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new StatementFormatException(line, "bad amount in " + column + ": \"" + shown(text) + "\" (expected a decimal with two places)");
        }
        return Long.parseLong(text.replace(".", ""));
    }

    /** Minor units as a decimal with two places: 1050 is {@code 10.50}, -5 is {@code -0.05}. */
    static String decimal(long minor) {
        String sign = minor < 0 ? "-" : "";
        long abs = Math.abs(minor);
        return sign + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    static String currency(String text, long line, String column) {
        if (KNOWN_CURRENCIES.contains(text)) {
            return text;
        }
        if (!CURRENCY.matcher(text).matches()) {
            throw new StatementFormatException(line, "bad currency in " + column + ": \"" + shown(text) + "\"");
        }
        throw new StatementFormatException(line, "unknown currency in " + column + ": \"" + text + "\"");
    }

    static LocalDate date(String text, long line, String column) {
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new StatementFormatException(line, "bad date in " + column + ": \"" + shown(text) + "\" (expected YYYY-MM-DD)");
    }

    /** A UTC instant written {@code 2026-12-05T03:12:45Z}. */
    static Instant instant(String text, long line, String column) {
        try {
            Instant fast = seconds(text);
            if (fast != null) {
                return fast;
            }
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new StatementFormatException(line, "bad time in " + column + ": \"" + shown(text) + "\" (expected UTC, such as 2026-12-05T03:12:45Z)");
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ} read without the general parser, which costs more than the rest of a line; null
     * for any other shape, which the general parser then reads or refuses.
     */
    private static Instant seconds(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':'
                || t.charAt(19) != 'Z' || !allDigits(t, 0, 4) || !allDigits(t, 5, 7) || !allDigits(t, 8, 10) || !allDigits(t, 11, 13)
                || !allDigits(t, 14, 16) || !allDigits(t, 17, 19)) {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(Integer.parseInt(t, 0, 4, 10), Integer.parseInt(t, 5, 7, 10), Integer.parseInt(t, 8, 10, 10),
                    Integer.parseInt(t, 11, 13, 10), Integer.parseInt(t, 14, 16, 10), Integer.parseInt(t, 17, 19, 10)).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // out of range: the general parser says so
        }
    }

    static String required(String text, long line, String column) {
        if (text.isEmpty()) {
            throw new StatementFormatException(line, column + " is empty");
        }
        return text;
    }

    static String optional(String text) {
        return text.isEmpty() ? null : text;
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A summary that does not match what the lines add up to. */
    static void agrees(long line, String what, long stated, long counted) {
        if (stated != counted) {
            throw new StatementFormatException(line, "the summary disagrees with the details: " + what + " is " + stated
                    + " but the lines add up to " + counted);
        }
    }

    /** Enough of a bad value to recognize it, never a whole long line. */
    static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
