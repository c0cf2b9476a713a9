package io.huitong.settlement.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * How late the settlement of today (Asia/Shanghai) is: on a business day, once its run time has come and no run for
 * the whole day completed, the time since the run was due; zero on any other day, before the run time, and once a
 * run for the day completed. The alerting rules decide how late is too late.
 */
public final class SettlementLateness {

    private SettlementLateness() {
    }

    /** The business date whose settlement is judged at {@code now}. */
    public static LocalDate today(Instant now) {
        return now.atZone(BusinessCalendar.ZONE).toLocalDate();
    }

    /**
     * @param completedToday whether a run for the whole of {@link #today(Instant) today} completed
     */
    public static Duration overdue(Instant now, BusinessCalendar calendar, LocalTime runAt, boolean completedToday) {
        ZonedDateTime local = now.atZone(BusinessCalendar.ZONE);
        LocalDate today = local.toLocalDate();
        Instant due = today.atTime(runAt).atZone(BusinessCalendar.ZONE).toInstant();
        if (completedToday || !calendar.isBusinessDay(today) || now.isBefore(due)) {
            return Duration.ZERO;
        }
        return Duration.between(due, now);
    }
}
