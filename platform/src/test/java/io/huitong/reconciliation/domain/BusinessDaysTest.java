package io.huitong.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

    static boolean weekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    static final BusinessDays WEEKDAYS = new BusinessDays(BusinessDaysTest::weekday);

    @Test
    void aBreakMayWaitTwoBusinessDaysAfterItsOwn() {
        LocalDate wednesday = LocalDate.of(2026, 12, 9);
        // Monday's break has seen Tuesday and Wednesday go by: still within; Thursday it is past
        assertThat(WEEKDAYS.graceCutoff(wednesday, 2)).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(WEEKDAYS.graceCutoff(wednesday.plusDays(1), 2)).isEqualTo(LocalDate.of(2026, 12, 8));
    }

    @Test
    void weekendsAndHolidaysDoNotCount() {
        LocalDate monday = LocalDate.of(2026, 12, 14);
        assertThat(WEEKDAYS.graceCutoff(monday, 2)).as("Thursday, Friday, Monday").isEqualTo(LocalDate.of(2026, 12, 10));
        Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 12, 11));
        BusinessDays calendar = new BusinessDays(d -> weekday(d) && !holidays.contains(d));
        assertThat(calendar.graceCutoff(monday, 2)).as("Wednesday, Thursday, Monday").isEqualTo(LocalDate.of(2026, 12, 9));
    }

    @Test
    void aCalendarWithoutBusinessDaysEndsTheSearch() {
        LocalDate today = LocalDate.of(2026, 12, 9);
        assertThat(new BusinessDays(d -> false).graceCutoff(today, 2)).isEqualTo(today.minusDays(BusinessDays.MAX_SEARCH_DAYS));
    }
}
