package io.huitong.bench;

import io.huitong.risk.model.Features;
import io.huitong.risk.model.FraudModelConfiguration;
import io.huitong.risk.model.XgboostFraudModel;
import io.huitong.risk.model.traffic.StreamFeatures;
import io.huitong.risk.model.traffic.TrafficEvent;
import io.huitong.risk.model.traffic.TrafficGenerator;
import io.huitong.risk.model.traffic.TrafficGenerator.Settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fraud model's latency, in-process: {@code bench/fraud-model.sh}. Generates a stream of traffic of another
 * seed than the model's, then times, one call at a time, computing each event's features over the stream's
 * history (sliding windows held in memory), scoring them with the built-in model, and both together (a decision's
 * model part); then scoring from several threads at once. Every stage runs once over the whole stream unmeasured
 * (the JIT's warm-up), then once measured.
 */
public final class FraudModelBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TrainFraudModel.options(args, "seed", "days", "customers", "threads");
        long seed = Long.parseLong(options.getOrDefault("seed", "99"));
        Settings settings = Settings.defaults(seed).withDays(Integer.parseInt(options.getOrDefault("days", "14")))
                .withCustomers(Integer.parseInt(options.getOrDefault("customers", "5000")));
        int threads = Integer.parseInt(options.getOrDefault("threads", String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors()))));

        long t = System.nanoTime();
        XgboostFraudModel model = FraudModelConfiguration.loadBuiltIn();
        double loadMs = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        List<TrafficEvent> events = new TrafficGenerator(settings).events().toList();
        double generateS = (System.nanoTime() - t) / 1e9;

        System.out.printf(Locale.ROOT, "Huitong fraud model benchmark%n");
        System.out.printf(Locale.ROOT, "  model       %s (%s), loaded in %.0f ms%n", model.version(), model.metadata().library(), loadMs);
        System.out.printf(Locale.ROOT, "  traffic     %,d events, seed %d, %,d customers, %d days, generated in %.1f s (%,.0f events/s)%n",
                events.size(), seed, settings.customers(), settings.days(), generateS, events.size() / generateS);
        System.out.printf(Locale.ROOT, "  client      Java %s, %d CPUs; load average %s%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Latencies.loadAverage());

        List<Row> rows = new ArrayList<>();
        // features: a fresh history for each pass
        timeFeatures(events);
        long[] featureNanos = new long[events.size()];
        Features[] features = new Features[events.size()];
        StreamFeatures history = new StreamFeatures();
        long wall = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
            long s = System.nanoTime();
            features[i] = history.next(events.get(i));
            featureNanos[i] = System.nanoTime() - s;
        }
        rows.add(new Row("features (windows in memory)", featureNanos, System.nanoTime() - wall, 1));

        double sink = 0;
        for (Features f : features) {
            sink += model.probability(f);
        }
        long[] scoreNanos = new long[features.length];
        wall = System.nanoTime();
        for (int i = 0; i < features.length; i++) {
            long s = System.nanoTime();
            sink += model.probability(features[i]);
            scoreNanos[i] = System.nanoTime() - s;
        }
        rows.add(new Row("model score (1 thread)", scoreNanos, System.nanoTime() - wall, 1));

        long[] decisionNanos = new long[events.size()];
        history = new StreamFeatures();
        wall = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
            long s = System.nanoTime();
            double p = model.probability(history.next(events.get(i)));
            sink += model.flags(p) ? 1 : 0;
            decisionNanos[i] = System.nanoTime() - s;
        }
        rows.add(new Row("features + score", decisionNanos, System.nanoTime() - wall, 1));

        concurrent(model, features, threads); // warm-up
        rows.add(concurrent(model, features, threads));

        System.out.printf(Locale.ROOT, "%-30s %9s %9s %9s %9s %9s %9s %12s%n", "stage", "calls", "p50 µs", "p95 µs", "p99 µs",
                "p99.9 µs", "max µs", "calls/s");
        for (Row r : rows) {
            long[] sorted = r.nanos().clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-30s %,9d %9.1f %9.1f %9.1f %9.1f %9.0f %,12.0f%n", r.name(), sorted.length,
                    Latencies.pct(sorted, 0.50), Latencies.pct(sorted, 0.95), Latencies.pct(sorted, 0.99), Latencies.pct(sorted, 0.999), sorted[sorted.length - 1] / 1e3,
                    sorted.length / (r.wallNanos() / 1e9));
        }
        long[] decisions = decisionNanos.clone();
        Arrays.sort(decisions);
        System.out.printf(Locale.ROOT, "%ngoal: a decision's model part (features + score) p99 %.1f µs of the 5 ms budget: %s%n",
                Latencies.pct(decisions, 0.99), Latencies.pct(decisions, 0.99) <= 5_000 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "(features here are the generator's in-memory windows; the risk engine's own velocity store is "
                + "measured with the engine)%n");
        // how the model does on this stream, which it never saw, once a week of history has built up
        long[] c = new long[4]; // tp, fp, tn, fn
        int fromDay = Math.min(7, settings.days() - 1);
        java.time.Instant from = settings.start().atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().plus(java.time.Duration.ofDays(fromDay));
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).at().isBefore(from)) {
                continue;
            }
            boolean flagged = model.flags(model.probability(features[i]));
            boolean fraud = events.get(i).label().fraud();
            c[fraud ? (flagged ? 0 : 3) : (flagged ? 1 : 2)]++;
        }
        System.out.printf(Locale.ROOT, "the model on this stream (seed %d, days %d-%d, %,d payments, %,d fraud): accuracy %.3f %%, "
                        + "precision %.2f %%, recall %.2f %%, false-positive rate %.4f %%%n", seed, fromDay, settings.days() - 1, c[0] + c[1] + c[2] + c[3], c[0] + c[3],
                100.0 * (c[0] + c[2]) / (c[0] + c[1] + c[2] + c[3]), 100.0 * c[0] / Math.max(1, c[0] + c[1]),
                100.0 * c[0] / Math.max(1, c[0] + c[3]), 100.0 * c[1] / Math.max(1, c[1] + c[2]));
        if (sink == 42.4242) {
            System.out.println();
        }
    }

    private static void timeFeatures(List<TrafficEvent> events) {
        StreamFeatures warm = new StreamFeatures();
        for (TrafficEvent e : events) {
            warm.next(e);
        }
    }

    private static Row concurrent(XgboostFraudModel model, Features[] features, int threads) throws Exception {
        long[] nanos = new long[features.length];
        long wall = Latencies.timeEach(features.length, threads, i -> model.probability(features[i]), nanos);
        return new Row("model score (" + threads + " threads)", nanos, wall, threads);
    }

    private record Row(String name, long[] nanos, long wallNanos, int threads) {
    }
}
