package io.huitong.channels;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A channel's recent calls, newest {@code capacity} of them: how many got a decision from the channel
 * (approved, declined, step-up), how many did not (an error, a refused connection, no answer in time), and
 * how long they took. What operators see in {@code GET /v1/admin/channels}, and what routing scores: routing
 * looks only at the calls that ended within a recent period ({@link #snapshot(Duration)}), so that a channel
 * routing kept away from finds its way back once its failures have aged out.
 * Thread-safe; recording is a few array writes under a lock. The window's latencies are also kept in order as
 * calls come and go, so that while every call of the window is recent (a busy channel) a snapshot reads its
 * percentiles instead of sorting.
 */
public final class ChannelWindow {

    /** What the window shows: {@code successRate} and {@code p99} are null while it is empty. */
    public record Snapshot(int calls, int decided, int failed, Double successRate, Duration p50, Duration p99) {
    }

    private final boolean[] decidedAt;
    private final long[] nanosAt;
    private final long[] endedAt;
    private final long[] ordered;
    private final LongSupplier ticker;
    private int next;
    private int size;
    private int decidedCount;

    public ChannelWindow(int capacity) {
        this(capacity, System::nanoTime);
    }

    /** A window whose calls are stamped by {@code ticker}, a monotonic nanosecond source like {@link System#nanoTime()}. */
    ChannelWindow(int capacity, LongSupplier ticker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one call");
        }
        this.decidedAt = new boolean[capacity];
        this.nanosAt = new long[capacity];
        this.endedAt = new long[capacity];
        this.ordered = new long[capacity];
        this.ticker = ticker;
    }

    /** One call: {@code decided} when the channel took a decision on it, with the time it took. */
    public synchronized void record(boolean decided, Duration latency) {
        if (size == decidedAt.length) {
            decidedCount -= decidedAt[next] ? 1 : 0;
            int at = Arrays.binarySearch(ordered, 0, size, nanosAt[next]);
            System.arraycopy(ordered, at + 1, ordered, at, size - at - 1);
            size--;
        }
        long nanos = latency.toNanos();
        decidedAt[next] = decided;
        nanosAt[next] = nanos;
        endedAt[next] = ticker.getAsLong();
        decidedCount += decided ? 1 : 0;
        int at = Arrays.binarySearch(ordered, 0, size, nanos);
        at = at < 0 ? -at - 1 : at;
        System.arraycopy(ordered, at, ordered, at + 1, size - at);
        ordered[at] = nanos;
        size++;
        next = (next + 1) % decidedAt.length;
    }

    public Snapshot snapshot() {
        return snapshot(null);
    }

    /** The calls of the window that ended less than {@code within} ago; every call of the window when null. */
    public synchronized Snapshot snapshot(Duration within) {
        long now = ticker.getAsLong();
        int oldest = size < decidedAt.length ? 0 : next;
        if (size > 0 && (within == null || now - endedAt[oldest] < within.toNanos())) {
            return new Snapshot(size, decidedCount, size - decidedCount, (double) decidedCount / size,
                    Duration.ofNanos(percentile(ordered, size, 50)), Duration.ofNanos(percentile(ordered, size, 99)));
        }
        long[] latencies = new long[size];
        int calls = 0;
        int decided = 0;
        for (int i = 0; i < size; i++) {
            if (within == null || now - endedAt[i] < within.toNanos()) {
                decided += decidedAt[i] ? 1 : 0;
                latencies[calls++] = nanosAt[i];
            }
        }
        if (calls == 0) {
            return new Snapshot(0, 0, 0, null, null, null);
        }
        long[] counted = Arrays.copyOf(latencies, calls);
        Arrays.sort(counted);
        return new Snapshot(calls, decided, calls - decided, (double) decided / calls, Duration.ofNanos(percentile(counted, calls, 50)),
                Duration.ofNanos(percentile(counted, calls, 99)));
    }

    /** The nearest-rank percentile of the first {@code count} sorted values. */
    private static long percentile(long[] sorted, int count, int p) {
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, rank - 1)];
    }
}
