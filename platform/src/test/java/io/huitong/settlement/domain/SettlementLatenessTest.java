package io.huitong.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettlementLatenessTest {

    private static final LocalTime RUN_AT = LocalTime.of(10, 0);
    private static final BusinessCalendar CALENDAR = BusinessCalendar.builder()
            .year(2026, Set.of(LocalDate.of(2026, 10, 1)), Set.of()).build();

    private static Instant shanghai(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, BusinessCalendar.ZONE).toInstant();
    }

    @Test
    void onABusinessDayTheRunIsOverdueFromItsTimeUntilOneForTheDayCompleted() {
        // Monday 7 December 2026
        assertThat(SettlementLateness.overdue(shanghai(12, 7, 9, 59), CALENDAR, RUN_AT, false)).isZero();
        assertThat(SettlementLateness.overdue(shanghai(12, 7, 10, 0), CALENDAR, RUN_AT, false)).isZero();
        assertThat(SettlementLateness.overdue(shanghai(12, 7, 12, 30), CALENDAR, RUN_AT, false)).isEqualTo(Duration.ofMinutes(150));
        assertThat(SettlementLateness.overdue(shanghai(12, 7, 12, 30), CALENDAR, RUN_AT, true)).isZero();
    }

    @Test
    void nothingIsDueOnWeekendsAndHolidays() {
        assertThat(SettlementLateness.overdue(shanghai(12, 6, 15, 0), CALENDAR, RUN_AT, false)).as("a Sunday").isZero();
        assertThat(SettlementLateness.overdue(shanghai(10, 1, 15, 0), CALENDAR, RUN_AT, false)).as("National Day").isZero();
    }

    @Test
    void todayIsTheDateInShanghai() {
        // 17:00 UTC on Sunday is 01:00 on Monday in Shanghai
        assertThat(SettlementLateness.today(Instant.parse("2026-12-06T17:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 7));
    }
}
