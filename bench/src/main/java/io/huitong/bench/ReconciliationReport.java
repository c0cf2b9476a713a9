package io.huitong.bench;

import static io.huitong.bench.ReconciliationBench.GOAL_HEAP_MB;
import static io.huitong.bench.ReconciliationBench.GOAL_SECONDS;
import static io.huitong.bench.ReconciliationBench.HEAP_SAMPLE_MILLIS;
import static io.huitong.bench.BenchSupport.loadAverage;

import io.huitong.bench.ReconciliationBench.Outcome;
import io.huitong.bench.ReconciliationData.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the reconciliation benchmark prints: matching's passes as the platform logs them, the faults by kind, the table. */
final class ReconciliationReport {

    /** The matcher's debug line for each pass. */
    private static final Pattern PASS = Pattern.compile("Reconciliation (rec_\\w+): (.+) gave (\\d+) in (\\d+) ms");

    private ReconciliationReport() {
    }

    /** The time of each matching pass, as the platform logs it (its Matcher's debug lines). */
    static void passes(BenchPlatform platform, String id) {
        List<String> passes = new ArrayList<>();
        try (var lines = Files.lines(platform.dataDir().resolve("platform.log"))) {
            lines.forEach(line -> {
                Matcher m = PASS.matcher(line);
                if (m.find() && m.group(1).equals(id)) {
                    passes.add(String.format(Locale.ROOT, "%s %.1f s (%s)", m.group(2), Long.parseLong(m.group(4)) / 1000.0, m.group(3)));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        if (!passes.isEmpty()) {
            System.out.printf(Locale.ROOT, "  matching's passes (rows): %s%n", String.join(", ", passes));
        }
    }

    /** Prints the outcome and the table; answers the exit status: 0 when every check passed, else 2. */
    static int print(Outcome o, ReconciliationBench.Config config) {
        ReconciliationChecks k = o.checks();
        Profile.Snapshot s = o.cpu();
        System.out.printf(Locale.ROOT, "%nheap: %s samples every %d ms, peak %.0f MB; %d GCs in the run, peak %.0f MB before a GC and at most"
                        + " %.0f MB after one, %.0f ms paused; the heap may grow to %.0f MB%n", o.heap().samples(), HEAP_SAMPLE_MILLIS,
                o.heap().peakMb(), o.gc().collections(), o.gc().peakBeforeMb(), o.gc().peakAfterMb(), o.gc().pausedMs(), o.heap().maxMb());
        double all = s.seconds() * 1000 * Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "CPU over the run: platform %.1f s, PostgreSQL %.1f s (of which this database's backends %.1f s);"
                        + " machine %.0f%% busy (platform %.0f%%, PostgreSQL %.0f%%); WAL %.0f MB%n", s.watchedCpuMs() / 1000, s.serverCpuMs() / 1000,
                o.backendCpuMs() / 1000, s.machineBusyPercent(), 100 * s.watchedCpuMs() / all, 100 * s.serverCpuMs() / all, s.walBytes() / 1e6);
        if (s.shared(false)) {
            System.out.printf(Locale.ROOT, "  OTHER PROCESSES used CPU during the run (its numbers are skewed): %s%n", s.others(false));
        }
        System.out.printf(Locale.ROOT, "%n%-20s  %-30s  %7s  %7s%n", "fault", "class", "planted", "found");
        for (Fault f : Fault.values()) {
            System.out.printf(Locale.ROOT, "%-20s  %-30s  %,7d  %,7d%n", f.label, String.join(" or ", f.classes), k.planted().getOrDefault(f, 0L),
                    k.found().getOrDefault(f, 0L));
        }
        System.out.printf(Locale.ROOT, "%-20s  %-30s  %7s  %,7d%n", "other breaks", "any", "", k.byClass().values().stream()
                .mapToLong(Long::longValue).sum() - k.foundTotal());
        System.out.printf(Locale.ROOT, "matched: %,d (expected %,d); breaks listed by class: %s%n", k.matched(), k.expectedMatched(), k.byClass());
        System.out.printf(Locale.ROOT, "checks: %s%n%n", k.problems().isEmpty() && o.balancedAfter() ? "every fault found once, in its class,"
                + " with its amounts; nothing else flagged; the ledger balances" : "FAILED: " + (o.balancedAfter() ? "" : "the ledger does not balance; ")
                + String.join("; ", k.problems()));
        String row = "%9s  %9s  %7s  %7s  %8s  %8s  %14s  %8s  %12s  %14s  %16s  %9s%n";
        System.out.printf(Locale.ROOT, row, "payments", "lines", "faults", "found", "import s", "match s", "import+match s", "lines/s",
                "peak heap MB", "platform CPU s", "PostgreSQL CPU s", "goal met?");
        System.out.printf(Locale.ROOT, row, f("%,d", config.lines()), f("%,d", o.statementLines()), f("%,d", k.plantedTotal()),
                f("%,d", k.foundTotal()), f("%.1f", o.importSeconds()), f("%.1f", o.wallSeconds() - o.importSeconds()), f("%.1f", o.wallSeconds()),
                f("%,.0f", o.statementLines() / o.wallSeconds()), f("%.0f", o.peakHeapMb()), f("%.1f", s.watchedCpuMs() / 1000),
                f("%.1f", s.serverCpuMs() / 1000), o.goalMet() ? "yes" : "NO");
        System.out.printf(Locale.ROOT, "%ngoal: import and match <= %.0f s %s; heap < %.0f MB %s; every fault found %s%n", GOAL_SECONDS,
                mark(o.wallSeconds() <= GOAL_SECONDS), GOAL_HEAP_MB, mark(o.peakHeapMb() < GOAL_HEAP_MB), mark(k.problems().isEmpty()));
        System.out.printf(Locale.ROOT, "load average after the run: %s%n", loadAverage());
        return o.clean() ? 0 : 2;
    }

    private static String f(String format, Object value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }
}
