package io.huitong.reconciliation.domain;

import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * How old a timing break may get: {@code grace} business days after the day it arose on. Business days come from the
 * platform's calendar, given as a predicate.
 */
public final class BusinessDays {

    /** A calendar without a business day for this long is a calendar nobody could work with: the search stops. */
    static final int MAX_SEARCH_DAYS = 2 * 366;

    private final Predicate<LocalDate> businessDay;

    public BusinessDays(Predicate<LocalDate> businessDay) {
        this.businessDay = businessDay;
    }

    /**
     * The earliest origin date not overdue on {@code today}: a break that arose on a day before it has seen more than
     * {@code grace} business days go by (counted after its day, up to today). That is the {@code grace + 1}-th
     * business day counting back from today.
     */
    public LocalDate graceCutoff(LocalDate today, int grace) {
        if (grace < 0) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        LocalDate day = today;
        int found = 0;
        for (int i = 0; i < MAX_SEARCH_DAYS; i++, day = day.minusDays(1)) {
            if (businessDay.test(day) && ++found == grace + 1) {
                return day;
            }
        }
        return day;
    }
}
