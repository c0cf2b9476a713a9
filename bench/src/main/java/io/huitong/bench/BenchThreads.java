package io.huitong.bench;

import java.util.List;

/** Waiting in a benchmark's own threads: an interrupt ends the run, as an {@link IllegalStateException}. */
final class BenchThreads {

    private BenchThreads() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for every one of {@code threads} to end. */
    static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
