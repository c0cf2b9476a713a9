package io.huitong.settlement.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The platform's business days, in Asia/Shanghai: Monday to Friday, less public holidays, plus the make-up
 * working days (调休) on which a Saturday or Sunday is worked. The holidays and make-up days are known year by
 * year, as the operator sets them; <b>a year the calendar has no data for counts weekends only</b>: every
 * Monday to Friday of it is a business day, holidays or not ({@link #knows} tells which years are set).
 *
 * <p>Immutable; safe to share between threads. Every search is bounded: a calendar without a business day for
 * {@value #MAX_SEARCH_DAYS} days in a row (an operator who marked a whole year as holidays, say) makes it throw an
 * {@link IllegalStateException} naming the date it searched from, never loop.
 */
public final class BusinessCalendar {

    /** Where business days begin and end. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The most days a search for the next (or previous) business day looks at: two years. */
    public static final int MAX_SEARCH_DAYS = 2 * 366;

    /** The most business days {@link #plusBusinessDays} and {@link #minusBusinessDays} step over: a year's worth. */
    public static final int MAX_STEP = 366;

    private static final BusinessCalendar WEEKENDS_ONLY = new BusinessCalendar(Map.of());

    private record Days(Set<LocalDate> holidays, Set<LocalDate> workingDays) {
    }

    private final Map<Integer, Days> years;

    private BusinessCalendar(Map<Integer, Days> years) {
        this.years = Map.copyOf(years);
    }

    /** A calendar that knows no year: every Monday to Friday is a business day. */
    public static BusinessCalendar weekendsOnly() {
        return WEEKENDS_ONLY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the years a calendar knows. */
    public static final class Builder {

        private final Map<Integer, Days> years = new HashMap<>();

        private Builder() {
        }

        /**
         * The holidays and make-up working days of {@code year}, replacing what was given for it before. Every
         * date must lie in that year and none may be in both sets ({@link CalendarRules} says why a set is refused).
         */
        public Builder year(int year, Set<LocalDate> holidays, Set<LocalDate> workingDays) {
            CalendarRules.check(year, holidays, workingDays).ifPresent(v -> {
                throw new IllegalArgumentException(v.message());
            });
            years.put(year, new Days(Set.copyOf(holidays), Set.copyOf(workingDays)));
            return this;
        }

        public BusinessCalendar build() {
            return years.isEmpty() ? WEEKENDS_ONLY : new BusinessCalendar(years);
        }
    }

    /** Whether holidays and make-up working days are set for {@code year}; if not, the year counts weekends only. */
    public boolean knows(int year) {
        return years.containsKey(year);
    }

    /** The years this calendar has holidays and make-up days for, in order. */
    public SortedSet<Integer> years() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(years.keySet()));
    }

    /** The business date of an instant: its calendar date in Asia/Shanghai. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** A make-up working day is a business day; otherwise Saturdays, Sundays and holidays are not. */
    public boolean isBusinessDay(LocalDate date) {
        Days days = years.get(date.getYear());
        if (days != null) {
            if (days.workingDays().contains(date)) {
                return true;
            }
            if (days.holidays().contains(date)) {
                return false;
            }
        }
        return !isWeekend(date);
    }

    /** {@code date} itself if it is a business day, else the next business day. */
    public LocalDate onOrAfter(LocalDate date) {
        return search(date, 1);
    }

    /** {@code date} itself if it is a business day, else the business day before it. */
    public LocalDate onOrBefore(LocalDate date) {
        return search(date, -1);
    }

    /**
     * The business day {@code n} business days after {@code businessDay} (T+n; T+0 is the day itself). A date that is
     * not a business day counts from the next business day, as a payment on a holiday counts from the first business
     * day after it: {@code plusBusinessDays(saturday, 0)} is the Monday (if that is a business day).
     *
     * @throws IllegalArgumentException if {@code n} is negative or more than {@value #MAX_STEP}
     */
    public LocalDate plusBusinessDays(LocalDate businessDay, int n) {
        requireStep(n);
        LocalDate day = onOrAfter(businessDay);
        for (int i = 0; i < n; i++) {
            day = onOrAfter(day.plusDays(1));
        }
        return day;
    }

    /**
     * The business day {@code n} business days before {@code businessDay}; a date that is not a business day counts from
     * the business day before it.
     *
     * @throws IllegalArgumentException if {@code n} is negative or more than {@value #MAX_STEP}
     */
    public LocalDate minusBusinessDays(LocalDate businessDay, int n) {
        requireStep(n);
        LocalDate day = onOrBefore(businessDay);
        for (int i = 0; i < n; i++) {
            day = onOrBefore(day.minusDays(1));
        }
        return day;
    }

    /** How many business days {@code year} has. */
    public int businessDaysIn(int year) {
        int count = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (isBusinessDay(d)) {
                count++;
            }
        }
        return count;
    }

    private LocalDate search(LocalDate from, int step) {
        Objects.requireNonNull(from, "date");
        LocalDate day = from;
        for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
            if (isBusinessDay(day)) {
                return day;
            }
            day = day.plusDays(step);
        }
        throw new IllegalStateException("No business day within " + MAX_SEARCH_DAYS + " days " + (step > 0 ? "after " : "before ")
                + from + ": check the holidays of the business calendar");
    }

    private static void requireStep(int n) {
        if (n < 0 || n > MAX_STEP) {
            throw new IllegalArgumentException("business days to step must be between 0 and " + MAX_STEP + ", not " + n);
        }
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
