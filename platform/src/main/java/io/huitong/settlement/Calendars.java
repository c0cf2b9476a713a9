package io.huitong.settlement;

import io.huitong.settlement.domain.BusinessCalendar;

/**
 * The platform's business-day calendar (Asia/Shanghai), year by year: what the operator set, and the calendar the
 * settlement counts T+N with. The mainland's calendar of the years shipped with the platform is there from the
 * first start on; the operator sets the others, and corrects any, by replacing a year.
 */
public interface Calendars {

    /** The holidays and make-up working days set for {@code year}, or empty sets if none are. */
    CalendarYear year(int year);

    /**
     * Replaces the holidays and make-up working days of {@code year} with {@code days}, at once (in one transaction),
     * and answers what is now stored. Refused with a 400 naming {@code year}, {@code holidays} or {@code working_days}
     * when the year is not between 2000 and 2100, a date is not in the year, a date is both a holiday and a working
     * day, a working day is not a Saturday or Sunday, or a set holds more than 366 dates; nothing changes then.
     */
    CalendarYear replace(int year, CalendarYear days, String operatorId);

    /**
     * The calendar of every year set, for counting business days: kept in memory, replaced at once after a
     * {@link #replace} on this instance and looked up again about once a minute for another instance's, so it is
     * cheap enough to ask for on every settlement line. A year with nothing set counts weekends only.
     */
    BusinessCalendar current();
}
