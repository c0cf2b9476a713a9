package io.huitong.bench;

/** What the in-process latency benchmarks print: percentiles of call times and the machine's load. */
final class Latencies {

    private Latencies() {
    }

    /** The {@code q} quantile (0–1) of sorted nanoseconds, in microseconds. */
    static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
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
