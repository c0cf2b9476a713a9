package io.huitong.bench;

import java.util.Arrays;

/** A growable array of longs: per-writer latencies without boxing. */
final class LongBuffer {
    private long[] values = new long[1 << 14];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    static long[] merge(LongBuffer[] buffers) {
        int total = 0;
        for (LongBuffer b : buffers) {
            total += b.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LongBuffer b : buffers) {
            System.arraycopy(b.values, 0, all, at, b.size);
            at += b.size;
        }
        return all;
    }
}
