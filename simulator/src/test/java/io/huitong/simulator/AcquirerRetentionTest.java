package io.huitong.simulator;

import static io.huitong.simulator.TestClient.rc;
import static org.assertj.core.api.Assertions.assertThat;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.ResponseCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * An acquirer remembers what it booked and settled for its retention in business days, then forgets it: its memory
 * follows the last weeks' traffic, not every card payment since it started.
 */
class AcquirerRetentionTest {

    private static final String PAN = "4242424242424242";

    /** A clock the test moves on. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void daysOlderThanTheRetentionLeaveTheBookAndTheSettledJournal() {
        // 10:00 in Shanghai: every step below falls on a business day of its own
        TestClock clock = new TestClock(Instant.parse("2026-03-02T02:00:00Z"));
        Acquirer acquirer = new Acquirer("acq_t", false, TestClient.CODEC, clock, 2);
        LocalDate first = LocalDate.of(2026, 3, 2);

        assertThat(rc(handle(acquirer, TestClient.sale("pay_day1", PAN)))).isEqualTo(ResponseCode.APPROVED);
        clock.advance(Duration.ofDays(2));
        assertThat(rc(handle(acquirer, TestClient.sale("pay_day3", PAN)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(acquirer.book()).extracting(BookEntry::reference).containsExactlyInAnyOrder("pay_day1", "pay_day3");
        assertThat(acquirer.journal().on(first)).as("two days back: still kept").hasSize(1);

        clock.advance(Duration.ofDays(1));
        assertThat(rc(handle(acquirer, TestClient.sale("pay_day4", PAN)))).isEqualTo(ResponseCode.APPROVED);

        assertThat(acquirer.book()).extracting(BookEntry::reference).containsExactlyInAnyOrder("pay_day3", "pay_day4");
        assertThat(acquirer.journal().on(first)).as("three days back: forgotten").isEmpty();
        assertThat(acquirer.journal().on(first.plusDays(2))).extracting(AcquirerJournal.Settled::reference).containsExactly("pay_day3");
        assertThat(rc(handle(acquirer, TestClient.inquiry("pay_day1")))).isEqualTo(ResponseCode.RECORD_NOT_FOUND);
        // a refund of a payment the acquirer no longer remembers is honoured, as after a restart
        assertThat(rc(handle(acquirer, TestClient.refund("re_day1", "pay_day1", 400)))).isEqualTo(ResponseCode.APPROVED);
        // one it remembers is still checked against what it captured
        assertThat(rc(handle(acquirer, TestClient.refund("re_day3", "pay_day3", 5_000)))).isEqualTo(ResponseCode.INVALID_AMOUNT);
    }

    @Test
    void repeatingARequestOnALaterDayKeepsItsTransactionUnderTheDayItWasBooked() {
        TestClock clock = new TestClock(Instant.parse("2026-03-02T02:00:00Z"));
        Acquirer acquirer = new Acquirer("acq_t", false, TestClient.CODEC, clock, 1);

        IsoMessage authorization = TestClient.authorization(Mti.AUTHORIZATION, "pay_auth", PAN, 2_000, false);
        assertThat(rc(handle(acquirer, authorization))).isEqualTo(ResponseCode.APPROVED);
        clock.advance(Duration.ofDays(1));
        assertThat(rc(handle(acquirer, TestClient.followUp(Mti.COMPLETION, "pay_auth", 1_500)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(acquirer.book()).extracting(BookEntry::reference).containsExactly("pay_auth");

        clock.advance(Duration.ofDays(1));
        assertThat(rc(handle(acquirer, TestClient.sale("pay_later", PAN)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(acquirer.book()).extracting(BookEntry::reference).containsExactly("pay_later");
    }

    private static IsoMessage handle(Acquirer acquirer, IsoMessage request) {
        return acquirer.handle(request).orElseThrow();
    }
}
