package io.huitong.settlement.domain;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a year of the business calendar must be: every date within the year, no date both a holiday and a make-up
 * working day, make-up working days only on a Saturday or Sunday (a weekday is a business day anyway, so a weekday
 * listed there is a mistake, most likely a date typed wrong), and no more dates than the year has days.
 */
public final class CalendarRules {

    /** The years the calendar can be set for. */
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    /** The most dates either set of a year may hold. */
    public static final int MAX_DATES = 366;

    /** The set a violation is about. */
    public enum Field {
        YEAR,
        HOLIDAYS,
        WORKING_DAYS
    }

    /** Why a year's dates are refused, and which set is at fault. */
    public record Violation(Field field, String message) {
    }

    private CalendarRules() {
    }

    public static boolean isSupportedYear(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** The first rule the dates break, if any. */
    public static Optional<Violation> check(int year, Set<LocalDate> holidays, Set<LocalDate> workingDays) {
        if (!isSupportedYear(year)) {
            return violation(Field.YEAR, "year must be between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
        }
        if (holidays == null) {
            return violation(Field.HOLIDAYS, "holidays is required.");
        }
        if (workingDays == null) {
            return violation(Field.WORKING_DAYS, "working_days is required.");
        }
        if (holidays.size() > MAX_DATES) {
            return violation(Field.HOLIDAYS, "holidays may list at most " + MAX_DATES + " dates.");
        }
        if (workingDays.size() > MAX_DATES) {
            return violation(Field.WORKING_DAYS, "working_days may list at most " + MAX_DATES + " dates.");
        }
        for (LocalDate d : new TreeSet<>(holidays)) {
            if (d.getYear() != year) {
                return violation(Field.HOLIDAYS, "holidays of " + year + " must be dates in " + year + ": " + d + " is not.");
            }
        }
        for (LocalDate d : new TreeSet<>(workingDays)) {
            if (d.getYear() != year) {
                return violation(Field.WORKING_DAYS, "working_days of " + year + " must be dates in " + year + ": " + d + " is not.");
            }
            if (holidays.contains(d)) {
                return violation(Field.WORKING_DAYS, d + " is both a holiday and a working day.");
            }
            if (!BusinessCalendar.isWeekend(d)) {
                return violation(Field.WORKING_DAYS, "working_days are make-up working days on a Saturday or Sunday: "
                        + d + " is a " + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ".");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(Field field, String message) {
        return Optional.of(new Violation(field, message));
    }
}
