package io.huitong.bench;

/** What the in-process latency benchmarks print: percentiles of call times and the machine's load. */
final class Latencies {

    private Latencies() {
    }

    /** The {@code q} quantile (0–1) of sorted nanoseconds, in microseconds. */
    static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    /**
     * Makes calls 0 to {@code n - 1} from {@code threads} threads at once (thread t makes calls t, t + threads, ...),
     * timing each into {@code nanos[i]}; answers the wall time of the whole.
     */
    static long timeEach(int n, int threads, java.util.function.IntConsumer call, long[] nanos) throws Exception {
        long wall = System.nanoTime();
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < n; i += threads) {
                        long s = System.nanoTime();
                        call.accept(i);
                        nanos[i] = System.nanoTime() - s;
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        }
        return System.nanoTime() - wall;
    }

    /** The one-minute load average, or "unknown" where /proc does not tell it. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
