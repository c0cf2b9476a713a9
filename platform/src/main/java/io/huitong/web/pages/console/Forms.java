package io.huitong.web.pages.console;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.PageRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** What the console's forms and links send, read as the API would read it: a bad value is a 400 naming it, never a guess. */
final class Forms {

    /** An object's id or a list cursor: {@code rcase_...}, {@code apr_...}, {@code 42}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-:.]{1,100}");
    static final int PAGE = 25;

    private Forms() {
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Optional text of at most {@code max} characters; null when blank. */
    static String text(String value, String param, int max) {
        String s = blank(value);
        if (s != null && s.length() > max) {
            throw ApiException.invalid(param, param + " must be at most " + max + " characters");
        }
        return s;
    }

    static String required(String value, String param, int max) {
        String s = text(value, param, max);
        if (s == null) {
            throw ApiException.missing(param);
        }
        return s;
    }

    /** One of the allowed values, or null when blank. */
    static String choice(String value, String param, Set<String> allowed) {
        String s = blank(value);
        if (s != null && !allowed.contains(s)) {
            throw ApiException.invalid(param, param + " must be one of " + allowed);
        }
        return s;
    }

    static LocalDate date(String value, String param) {
        String s = blank(value);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, param + " must be a date as YYYY-MM-DD");
        }
    }

    /** The page after {@code after} (an id from the list itself), or the first page. */
    static PageRequest page(String after, int limit) {
        String cursor = blank(after);
        if (cursor != null && !ID.matcher(cursor).matches()) {
            throw ApiException.invalid("after", "after must be an id from the list");
        }
        return new PageRequest(limit, cursor, null);
    }

    static PageRequest page(String after) {
        return page(after, PAGE);
    }

    /** A path's id, as the API would refuse it (a 404 for anything that cannot be one). */
    static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.notFound(what, value == null ? "" : value.length() > 40 ? value.substring(0, 40) : value);
        }
        return value;
    }
}
