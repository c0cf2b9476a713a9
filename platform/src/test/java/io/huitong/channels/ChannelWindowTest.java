package io.huitong.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelWindowTest {

    @Test
    void anEmptyWindowHasNoRates() {
        ChannelWindow.Snapshot s = new ChannelWindow(10).snapshot();
        assertThat(s.calls()).isZero();
        assertThat(s.successRate()).isNull();
        assertThat(s.p99()).isNull();
    }

    @Test
    void keepsTheNewestCallsAndReadsRatesAndPercentilesFromThem() {
        ChannelWindow window = new ChannelWindow(100);
        for (int i = 1; i <= 100; i++) {
            window.record(i % 4 != 0, Duration.ofMillis(i));
        }
        ChannelWindow.Snapshot s = window.snapshot();
        assertThat(s.calls()).isEqualTo(100);
        assertThat(s.failed()).isEqualTo(25);
        assertThat(s.successRate()).isEqualTo(0.75);
        assertThat(s.p50()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.p99()).isEqualTo(Duration.ofMillis(99));

        // a hundred failures push every earlier call out
        for (int i = 0; i < 100; i++) {
            window.record(false, Duration.ofSeconds(1));
        }
        s = window.snapshot();
        assertThat(s.calls()).isEqualTo(100);
        assertThat(s.successRate()).isZero();
        assertThat(s.p50()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRecentSnapshotLeavesOutTheCallsThatEndedLongerAgo() {
        long[] now = {0};
        ChannelWindow window = new ChannelWindow(100, () -> now[0]);
        for (int i = 0; i < 10; i++) {
            window.record(false, Duration.ofMillis(900));
        }
        now[0] += Duration.ofMinutes(3).toNanos();
        for (int i = 0; i < 4; i++) {
            window.record(true, Duration.ofMillis(10));
        }

        ChannelWindow.Snapshot recent = window.snapshot(Duration.ofMinutes(2));
        assertThat(recent.calls()).isEqualTo(4);
        assertThat(recent.failed()).isZero();
        assertThat(recent.p99()).isEqualTo(Duration.ofMillis(10));
        assertThat(window.snapshot().calls()).as("the whole window, for operators").isEqualTo(14);

        now[0] += Duration.ofMinutes(3).toNanos();
        assertThat(window.snapshot(Duration.ofMinutes(2)).calls()).isZero();
        assertThat(window.snapshot(Duration.ofMinutes(2)).successRate()).isNull();
    }

    @Test
    void aSlidingWindowReadsTheSamePercentilesAsSortingItsCalls() {
        java.util.Random random = new java.util.Random(7);
        long[] now = {0};
        ChannelWindow window = new ChannelWindow(50, () -> now[0]);
        java.util.ArrayDeque<long[]> calls = new java.util.ArrayDeque<>();
        for (int i = 0; i < 2_000; i++) {
            now[0] += random.nextInt(5_000_000);
            long millis = random.nextInt(40);
            boolean decided = random.nextInt(10) != 0;
            window.record(decided, Duration.ofMillis(millis));
            calls.addLast(new long[] {millis, decided ? 1 : 0, now[0]});
            if (calls.size() > 50) {
                calls.removeFirst();
            }
            Duration within = Duration.ofMillis(random.nextBoolean() ? 10_000 : 100);
            long[] recent = calls.stream().filter(c -> now[0] - c[2] < within.toNanos()).mapToLong(c -> c[0]).sorted().toArray();
            long recentDecided = calls.stream().filter(c -> now[0] - c[2] < within.toNanos()).filter(c -> c[1] == 1).count();
            ChannelWindow.Snapshot s = window.snapshot(within);
            assertThat(s.calls()).isEqualTo(recent.length);
            if (recent.length > 0) {
                assertThat(s.decided()).isEqualTo((int) recentDecided);
                assertThat(s.p50()).isEqualTo(Duration.ofMillis(recent[(int) Math.ceil(0.5 * recent.length) - 1]));
                assertThat(s.p99()).isEqualTo(Duration.ofMillis(recent[(int) Math.ceil(0.99 * recent.length) - 1]));
            }
        }
    }
}
