package io.huitong.settlement.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Which movements a run for a business date settles. A movement is due T+N business days after the business day
 * it happened on (one on a non-business day counts from the next business day; T0 is the same day); a run for
 * date D settles what is due on or before D. As the due date grows with the time of the movement, that is every
 * movement before one instant: the start of the day after the last business day whose movements are due by D.
 */
public final class SettlementCutoff {

    /** The zone business days are counted in. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private SettlementCutoff() {
    }

    /** The first instant whose movements are not due yet on {@code businessDate} for a {@code T<days>} schedule. */
    public static Instant of(BusinessCalendar calendar, LocalDate businessDate, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("a schedule counts zero or more business days");
        }
        LocalDate lastDue = calendar.minusBusinessDays(calendar.onOrBefore(businessDate), days);
        return lastDue.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** The business date a movement at {@code at} is due on, for a {@code T<days>} schedule. */
    public static LocalDate dueDate(BusinessCalendar calendar, Instant at, int days) {
        return calendar.plusBusinessDays(calendar.onOrAfter(calendar.dateOf(at)), days);
    }
}
