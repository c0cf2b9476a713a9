package io.huitong.channels;

import java.time.Duration;
import java.util.Arrays;

/**
 * A channel's recent calls, newest {@code capacity} of them: how many got a decision from the channel
 * (approved, declined, step-up), how many did not (an error, a refused connection, no answer in time), and
 * how long they took. What operators see in {@code GET /v1/admin/channels}, and what routing will score.
 * Thread-safe; recording is a few array writes under a lock.
 */
public final class ChannelWindow {

    /** What the window shows: {@code successRate} and {@code p99} are null while it is empty. */
    public record Snapshot(int calls, int decided, int failed, Double successRate, Duration p50, Duration p99) {
    }

    private final boolean[] decidedAt;
    private final long[] nanosAt;
    private int next;
    private int size;

    public ChannelWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one call");
        }
        this.decidedAt = new boolean[capacity];
        this.nanosAt = new long[capacity];
    }

    /** One call: {@code decided} when the channel took a decision on it, with the time it took. */
    public synchronized void record(boolean decided, Duration latency) {
        decidedAt[next] = decided;
        nanosAt[next] = latency.toNanos();
        next = (next + 1) % decidedAt.length;
        size = Math.min(size + 1, decidedAt.length);
    }

    public synchronized Snapshot snapshot() {
        if (size == 0) {
            return new Snapshot(0, 0, 0, null, null, null);
        }
        int decided = 0;
        long[] latencies = new long[size];
        for (int i = 0; i < size; i++) {
            decided += decidedAt[i] ? 1 : 0;
            latencies[i] = nanosAt[i];
        }
        Arrays.sort(latencies);
        return new Snapshot(size, decided, size - decided, (double) decided / size, Duration.ofNanos(percentile(latencies, 50)),
                Duration.ofNanos(percentile(latencies, 99)));
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
