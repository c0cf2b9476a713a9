package io.huitong.bench;

import io.huitong.bench.LedgerBench.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ledger benchmark's table: each scenario's transfers per second and latency against pgbench, and its goal. */
final class LedgerReport {

    /** Batched transfers per second against pgbench's transactions per second. */
    static final double BATCHED_GOAL = 3.0;
    /** One transfer per call against pgbench's transactions per second. */
    static final double SINGLE_GOAL = 0.7;

    private LedgerReport() {
    }

    static void print(List<Outcome> outcomes, PgBench.Result reference, int writers) {
        String line = "-".repeat(92);
        System.out.println();
        System.out.println(line);
        System.out.printf(Locale.ROOT, "%-34s %13s %9s %9s %8s %12s%n", "scenario (" + writers + " writers)",
                "transfers/s", "p50 ms", "p99 ms", "errors", "vs pgbench");
        System.out.println(line);
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "%-34s %13.1f %9.2f %9.2f %8d %11.2fx%n", o.scenario().name(), o.rate(),
                    o.percentileMs(0.50), o.percentileMs(0.99), o.errors(), o.rate() / reference.tps());
        }
        System.out.printf(Locale.ROOT, "%-34s %13.1f %9s %9s %8d %11.2fx%n", "pgbench tpcb-like (TPS)", reference.tps(),
                "-", "-", reference.failed(), 1.0);
        System.out.println(line);
        System.out.printf(Locale.ROOT, "latency is per call (one database transaction); pgbench latency average %.3f ms%n",
                reference.latencyAverageMs());
        System.out.println();
        System.out.printf(Locale.ROOT, "goals vs pgbench %.1f TPS:%n", reference.tps());
        for (Outcome o : outcomes) {
            boolean batched = o.scenario().batch() > 1;
            double goal = batched ? BATCHED_GOAL : SINGLE_GOAL;
            double ratio = o.rate() / reference.tps();
            System.out.printf(Locale.ROOT, "  %-7s >= %.1fx  %-34s %7.3fx  %s%n", batched ? "batched" : "single", goal,
                    o.scenario().name(), ratio, ratio >= goal ? "PASS" : "FAIL");
        }
        List<String> shared = new ArrayList<>();
        if (reference.profile().shared(true)) {
            shared.add("pgbench: " + reference.profile().others(true));
        }
        for (Outcome o : outcomes) {
            if (o.profile().shared(false)) {
                shared.add(o.scenario().name() + ": " + o.profile().others(false));
            }
        }
        if (!shared.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nWARNING: other processes used the CPU during these runs, so their numbers"
                    + " are low; rerun on a quiet machine:%n");
            shared.forEach(run -> System.out.println("  " + run));
        }
        for (Outcome o : outcomes) {
            if (!o.errorKinds().isEmpty()) {
                System.out.printf(Locale.ROOT, "%nerrors in %s (warm-up included):%n", o.scenario().name());
                o.errorKinds().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %8d  %s%n", count, kind));
            }
        }
    }
}
