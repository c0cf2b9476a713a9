package io.huitong.settlement;

import io.huitong.settlement.domain.BusinessCalendar;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One year of the business calendar as the operator sets it: its public holidays and its make-up working days
 * (调休: a Saturday or Sunday that is worked). Both sets are sorted and unmodifiable; a year nobody set has both
 * empty and counts weekends only.
 */
public record CalendarYear(int year, SortedSet<LocalDate> holidays, SortedSet<LocalDate> workingDays) {

    public CalendarYear {
        holidays = sorted(holidays);
        workingDays = sorted(workingDays);
    }

    public static CalendarYear of(int year, Set<LocalDate> holidays, Set<LocalDate> workingDays) {
        return new CalendarYear(year, holidays == null ? null : new TreeSet<>(holidays), workingDays == null ? null : new TreeSet<>(workingDays));
    }

    /** A year with neither holidays nor make-up days. */
    public static CalendarYear empty(int year) {
        return new CalendarYear(year, Collections.emptySortedSet(), Collections.emptySortedSet());
    }

    /** How many business days the year has with these holidays and make-up days. */
    public int businessDays() {
        return BusinessCalendar.builder().year(year, holidays, workingDays).build().businessDaysIn(year);
    }

    private static SortedSet<LocalDate> sorted(Set<LocalDate> dates) {
        return dates == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(dates));
    }
}
