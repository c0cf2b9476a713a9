package io.huitong.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Business dates in tests whose money crosses two clocks: the platform's (which a test may have moved ahead) and the real
 * one a channel simulator stamps its statement lines with. A day's traffic and its statement, or a day's payments and
 * their settlement, must fall on the same business date at both ends.
 */
public final class BusinessDates {

    /** The business day's time zone, as the platform and the channels keep it. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Longer than this ahead of real time, waiting for both clocks to pass midnight is not worth a test's time. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private BusinessDates() {
    }

    /** The business date of an instant. */
    public static LocalDate of(Instant at) {
        return LocalDate.ofInstant(at, CHINA);
    }

    /**
     * Waits, if need be, until the platform's clock and the real one show the same business date and neither passes
     * midnight within {@code margin}; answers that date. Clocks more than ten minutes apart across midnight fail the test:
     * that is not worth waiting out.
     */
    public static LocalDate sameAtBothEnds(Clock platform, Duration margin) {
        ZonedDateTime real = ZonedDateTime.now(CHINA);
        ZonedDateTime ours = platform.instant().atZone(CHINA);
        ZonedDateTime earlier = ours.isBefore(real) ? ours : real;
        ZonedDateTime later = ours.isBefore(real) ? real : ours;
        boolean split = !earlier.toLocalDate().equals(later.toLocalDate());
        if (!split && later.plus(margin).toLocalDate().equals(later.toLocalDate())) {
            return later.toLocalDate();
        }
        // both clocks tick alike: once the earlier one is past midnight, both are on its next day
        Duration wait = Duration.between(earlier, earlier.toLocalDate().plusDays(1).atStartOfDay(CHINA)).plusSeconds(5);
        if (split && Duration.between(earlier, later).compareTo(LONGEST_WAIT) > 0 || wait.compareTo(margin.plus(LONGEST_WAIT)) > 0) {
            throw new IllegalStateException("the platform's clock is on " + ours.toLocalDate() + ", the real one on " + real.toLocalDate()
                    + ": no business date is the same at both ends within " + LONGEST_WAIT.toMinutes() + " minutes");
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sameAtBothEnds(platform, margin);
    }
}
