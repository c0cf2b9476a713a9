package io.huitong.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BusinessDatesTest {

    @Test
    void anInstantsBusinessDateIsChinas() {
        assertThat(BusinessDates.of(Instant.parse("2026-12-07T15:59:59Z"))).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(BusinessDates.of(Instant.parse("2026-12-07T16:00:00Z"))).isEqualTo(LocalDate.parse("2026-12-08"));
    }

    @Test
    void clocksThatAgreeGiveTodayAtOnceAwayFromMidnight() {
        MutableClock platform = new MutableClock();
        long before = System.nanoTime();
        LocalDate date = BusinessDates.sameAtBothEnds(platform, Duration.ofSeconds(1));
        // at once, or after waiting out the second before midnight
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        assertThat(date).isEqualTo(ZonedDateTime.now(BusinessDates.CHINA).toLocalDate());
    }

    @Test
    void clocksDaysApartCannotBeWaitedOut() {
        MutableClock platform = new MutableClock();
        platform.advance(Duration.ofDays(2));
        long before = System.nanoTime();
        assertThatThrownBy(() -> BusinessDates.sameAtBothEnds(platform, Duration.ofMinutes(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no business date is the same at both ends");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("failed at once, without waiting for midnight").isLessThan(Duration.ofSeconds(1));
    }
}
