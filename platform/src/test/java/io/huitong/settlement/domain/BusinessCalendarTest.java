package io.huitong.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The business calendar on its own, with the 2026 mainland calendar as shipped (国务院办公厅关于2026年部分节假日安排的通知):
 * make-up working days, holidays, weekends, T+N across the Spring Festival and National Day, and the guards.
 */
class BusinessCalendarTest {

    static final Set<LocalDate> HOLIDAYS_2026 = Set.copyOf(Stream.of(
            range("2026-01-01", "2026-01-03"), range("2026-02-15", "2026-02-23"), range("2026-04-04", "2026-04-06"),
            range("2026-05-01", "2026-05-05"), range("2026-06-19", "2026-06-21"), range("2026-09-25", "2026-09-27"),
            range("2026-10-01", "2026-10-07")).flatMap(Set::stream).toList());
    static final Set<LocalDate> WORKING_DAYS_2026 = Set.of(d("2026-01-04"), d("2026-02-14"), d("2026-02-28"), d("2026-05-09"),
            d("2026-09-20"), d("2026-10-10"));

    private final BusinessCalendar calendar = BusinessCalendar.builder().year(2026, HOLIDAYS_2026, WORKING_DAYS_2026).build();

    @Test
    void makeUpWorkingDaysAreBusinessDaysAndHolidaysAndWeekendsAreNot() {
        assertThat(d("2026-09-20").getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(calendar.isBusinessDay(d("2026-09-20"))).as("the make-up Sunday before National Day").isTrue();
        assertThat(calendar.isBusinessDay(d("2026-10-10"))).as("the make-up Saturday after National Day").isTrue();
        assertThat(calendar.isBusinessDay(d("2026-10-01"))).as("National Day, a Thursday").isFalse();
        assertThat(calendar.isBusinessDay(d("2026-10-07"))).as("the last day of the National Day week, a Wednesday").isFalse();
        assertThat(calendar.isBusinessDay(d("2026-10-08"))).isTrue();
        assertThat(calendar.isBusinessDay(d("2026-09-19"))).as("an ordinary Saturday").isFalse();
        assertThat(calendar.isBusinessDay(d("2026-09-25"))).as("Mid-Autumn, a Friday").isFalse();
        assertThat(calendar.isBusinessDay(d("2026-09-30"))).isTrue();
        assertThat(calendar.isBusinessDay(d("2026-02-14"))).as("make-up Saturday before the Spring Festival").isTrue();
    }

    @Test
    void aPaymentOnTheLastBusinessDayBeforeNationalDayCountedTPlusOneLandsOnTheFirstBusinessDayAfterTheHoliday() {
        // 2026: the Friday before the National Day week (25 September) is itself Mid-Autumn; the last business day before
        // the week is Wednesday 30 September, and the first after it Thursday 8 October
        LocalDate paidOn = calendar.dateOf(Instant.parse("2026-09-30T09:30:00Z")); // 17:30 in Shanghai
        assertThat(paidOn).isEqualTo(d("2026-09-30"));
        assertThat(calendar.plusBusinessDays(paidOn, 1)).isEqualTo(d("2026-10-08"));
        assertThat(calendar.plusBusinessDays(paidOn, 2)).isEqualTo(d("2026-10-09"));
        assertThat(calendar.plusBusinessDays(paidOn, 3)).as("the make-up Saturday").isEqualTo(d("2026-10-10"));
        assertThat(calendar.plusBusinessDays(paidOn, 0)).as("T0 is the same business day").isEqualTo(paidOn);
    }

    @Test
    void aPaymentOnTheFridayBeforeTheNationalDayWeekCountsFromTheNextBusinessDay() {
        LocalDate friday = d("2026-09-25");
        assertThat(friday.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(calendar.plusBusinessDays(friday, 0)).isEqualTo(d("2026-09-28"));
        assertThat(calendar.plusBusinessDays(friday, 1)).isEqualTo(d("2026-09-29"));
        assertThat(calendar.plusBusinessDays(friday, 3)).isEqualTo(d("2026-10-08"));
        // the Friday before the make-up Sunday: T+1 is that Sunday, not the Saturday between
        assertThat(calendar.plusBusinessDays(d("2026-09-18"), 1)).isEqualTo(d("2026-09-20"));
    }

    @Test
    void theBusinessDayOfAnInstantIsItsDateInShanghai() {
        assertThat(calendar.dateOf(Instant.parse("2026-09-30T15:59:59Z"))).isEqualTo(d("2026-09-30"));
        assertThat(calendar.dateOf(Instant.parse("2026-09-30T16:00:00Z"))).as("midnight in Shanghai").isEqualTo(d("2026-10-01"));
    }

    @Test
    void tPlusOneAcrossTheSpringFestival() {
        // Friday 13 February, then the make-up Saturday 14th, then nine days off (15th to 23rd)
        assertThat(calendar.plusBusinessDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
        assertThat(calendar.plusBusinessDays(d("2026-02-14"), 1)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.plusBusinessDays(d("2026-02-18"), 0)).as("paid during the festival").isEqualTo(d("2026-02-24"));
    }

    @Test
    void onOrAfterAndOnOrBeforeFindTheNearestBusinessDay() {
        assertThat(calendar.onOrAfter(d("2026-10-08"))).isEqualTo(d("2026-10-08"));
        assertThat(calendar.onOrAfter(d("2026-10-01"))).isEqualTo(d("2026-10-08"));
        assertThat(calendar.onOrBefore(d("2026-10-07"))).isEqualTo(d("2026-09-30"));
        assertThat(calendar.onOrBefore(d("2026-09-27"))).isEqualTo(d("2026-09-24"));
        assertThat(calendar.onOrBefore(d("2026-01-03"))).as("back into 2025, which the calendar doesn't know").isEqualTo(d("2025-12-31"));
    }

    @Test
    void minusBusinessDaysStepsBackOverHolidaysAndMakeUpDays() {
        assertThat(calendar.minusBusinessDays(d("2026-10-08"), 1)).isEqualTo(d("2026-09-30"));
        assertThat(calendar.minusBusinessDays(d("2026-10-12"), 1)).isEqualTo(d("2026-10-10"));
        assertThat(calendar.minusBusinessDays(d("2026-10-04"), 0)).as("a holiday counts from the business day before").isEqualTo(d("2026-09-30"));
        assertThat(calendar.minusBusinessDays(d("2026-09-21"), 1)).isEqualTo(d("2026-09-20"));
        for (LocalDate day = d("2026-01-01"); day.getYear() == 2026; day = day.plusDays(1)) {
            if (calendar.isBusinessDay(day)) {
                assertThat(calendar.minusBusinessDays(calendar.plusBusinessDays(day, 2), 2)).as(day.toString()).isEqualTo(day);
            }
        }
    }

    @Test
    void aYearWithoutDataCountsWeekendsOnly() {
        assertThat(calendar.knows(2026)).isTrue();
        assertThat(calendar.knows(2030)).isFalse();
        assertThat(calendar.isBusinessDay(d("2030-10-01"))).as("National Day 2030, a Tuesday, unknown").isTrue();
        assertThat(calendar.isBusinessDay(d("2030-10-05"))).isFalse();
        assertThat(BusinessCalendar.weekendsOnly().businessDaysIn(2026)).isEqualTo(261);
        assertThat(calendar.plusBusinessDays(d("2026-12-31"), 1)).as("into 2027, not known here").isEqualTo(d("2027-01-01"));
    }

    @Test
    void countsTheBusinessDaysOfAYear() {
        // 261 weekdays, 19 of them holidays (of the 33 days off, the weekend ones don't count), plus 6 make-up days
        long weekdayHolidays = HOLIDAYS_2026.stream().filter(h -> !BusinessCalendar.isWeekend(h)).count();
        assertThat(HOLIDAYS_2026).hasSize(33);
        assertThat(weekdayHolidays).isEqualTo(19);
        assertThat(calendar.businessDaysIn(2026)).isEqualTo(261 - 19 + 6);
    }

    @Test
    void aYearOfHolidaysMakesTheSearchStopAndSayWhere() {
        Set<LocalDate> everyDay = new HashSet<>(range("2026-01-01", "2026-12-31"));
        BusinessCalendar closed = BusinessCalendar.builder().year(2026, everyDay, Set.of())
                .year(2027, range("2027-01-01", "2027-12-31"), Set.of()).year(2028, range("2028-01-01", "2028-12-31"), Set.of()).build();
        assertThatThrownBy(() -> closed.onOrAfter(d("2026-03-01")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2026-03-01");
        assertThatThrownBy(() -> closed.plusBusinessDays(d("2026-03-01"), 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.onOrBefore(d("2028-10-01")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2028-10-01");
        // one closed year alone still ends: the search goes on into the next year
        BusinessCalendar oneYear = BusinessCalendar.builder().year(2026, everyDay, Set.of()).build();
        assertThat(oneYear.onOrAfter(d("2026-01-01"))).isEqualTo(d("2027-01-01"));
        assertThat(oneYear.onOrBefore(d("2026-12-31"))).isEqualTo(d("2025-12-31"));
    }

    @Test
    void stepsAreBoundedAndNeverNegative() {
        assertThatThrownBy(() -> calendar.plusBusinessDays(d("2026-10-08"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.minusBusinessDays(d("2026-10-08"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.plusBusinessDays(d("2026-10-08"), Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(calendar.plusBusinessDays(d("2026-01-05"), BusinessCalendar.MAX_STEP)).isAfter(d("2027-05-01"));
    }

    @Test
    void theBuilderRefusesWhatTheRulesRefuse() {
        assertThatThrownBy(() -> BusinessCalendar.builder().year(2026, Set.of(d("2027-01-01")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2027-01-01");
        assertThatThrownBy(() -> BusinessCalendar.builder().year(2026, Set.of(), Set.of(d("2026-09-21"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Monday");
        assertThatThrownBy(() -> BusinessCalendar.builder().year(2026, Set.of(d("2026-09-20")), Set.of(d("2026-09-20"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        assertThat(CalendarRules.check(1999, Set.of(), Set.of())).get().extracting(CalendarRules.Violation::field)
                .isEqualTo(CalendarRules.Field.YEAR);
    }

    @Test
    void theCalendarIsImmutable() {
        Set<LocalDate> holidays = new HashSet<>(Set.of(d("2026-10-01")));
        BusinessCalendar built = BusinessCalendar.builder().year(2026, holidays, Set.of()).build();
        holidays.add(d("2026-10-08"));
        assertThat(built.isBusinessDay(d("2026-10-08"))).isTrue();
        assertThatThrownBy(() -> built.years().add(2030)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static Set<LocalDate> range(String from, String to) {
        Set<LocalDate> days = new HashSet<>();
        for (LocalDate day = d(from); !day.isAfter(d(to)); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
