package io.huitong.bench;

import static io.huitong.bench.SettlementBench.GOAL_HEAP_MB;
import static io.huitong.bench.SettlementBench.GOAL_SECONDS;
import static io.huitong.bench.SettlementBench.HEAP_SAMPLE_MILLIS;
import static io.huitong.bench.BenchSupport.balanced;
import static io.huitong.bench.BenchSupport.compact;
import static io.huitong.bench.BenchSupport.loadAverage;

import io.huitong.bench.SettlementBench.Outcome;
import java.util.Locale;

/** What the settlement benchmark prints after the run: the checks, heap and CPU, the table and the goal. */
final class SettlementReport {

    private SettlementReport() {
    }

    /** Prints the run's outcome and the table; answers the exit status: 0 when the run is clean, else 2. */
    static int print(Outcome o, int merchants) {
        SettlementChecks k = o.checks();
        Profile.Snapshot s = o.cpu();
        boolean balanced = balanced(o.checkAfter());
        System.out.printf(Locale.ROOT, "%nledger check after the run: %s in %.1f s%n", balanced ? "balanced" : "NOT BALANCED " + compact(o.checkAfter()),
                o.checkAfterSeconds());
        System.out.printf(Locale.ROOT, "lines: %,d payments (of %,d) and %,d refunds (of %,d) in %,d lines; %s%n", k.paymentLines(), k.payments(),
                k.refundLines(), k.refunds(), k.lines(), k.problems().isEmpty() ? "each exactly once, amounts as written"
                        : "PROBLEMS: " + String.join("; ", k.problems()));
        System.out.printf(Locale.ROOT, "settlements: %,d of the run (%,d carried forward), net %s CNY; merchants' pending balances left: %s%n",
                k.settlements(), k.carriedForward(), money(k.net()), k.pendingLeft() == 0 ? "none" : money(k.pendingLeft()) + " CNY");
        System.out.printf(Locale.ROOT, "payouts: %,d opened by the run%s%n", k.payouts(),
                k.payoutsByStatus().isEmpty() ? "" : " " + k.payoutsByStatus() + " (when the run had completed)");
        System.out.printf(Locale.ROOT, "heap: %s samples of jvm.memory.used (heap) every %d ms, peak %.0f MB; %d GCs in the run, peak %.0f MB"
                        + " before a GC and at most %.0f MB after one, %.0f ms paused; the heap may grow to %.0f MB%n",
                o.heap().samples(), HEAP_SAMPLE_MILLIS, o.heap().peakMb(), o.gc().collections(), o.gc().peakBeforeMb(), o.gc().peakAfterMb(),
                o.gc().pausedMs(), o.heap().maxMb());
        double all = s.seconds() * 1000 * Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "CPU over the run: platform %.1f s, PostgreSQL %.1f s (of which this database's backends %.1f s);"
                        + " machine %.0f%% busy (platform %.0f%%, PostgreSQL %.0f%%); WAL %.0f MB; the run's own record: %.1f s%n",
                s.watchedCpuMs() / 1000, s.serverCpuMs() / 1000, o.backendCpuMs() / 1000, s.machineBusyPercent(),
                100 * s.watchedCpuMs() / all, 100 * s.serverCpuMs() / all, s.walBytes() / 1e6, o.recordedSeconds());
        if (s.shared(false)) {
            System.out.printf(Locale.ROOT, "  OTHER PROCESSES used CPU during the run (its numbers are skewed): %s%n", s.others(false));
        }
        System.out.println();
        String row = "%9s  %8s  %9s  %9s  %11s  %7s  %7s  %8s  %12s  %14s  %16s  %9s%n";
        System.out.printf(Locale.ROOT, row, "payments", "refunds", "merchants", "lines", "settlements", "payouts", "wall s", "lines/s",
                "peak heap MB", "platform CPU s", "PostgreSQL CPU s", "goal met?");
        System.out.printf(Locale.ROOT, row, k.payments(), k.refunds(), merchants, k.lines(), k.settlements(), k.payouts(),
                f("%.1f", o.wallSeconds()), f("%.0f", o.linesPerSecond()), f("%.0f", o.peakHeapMb()), f("%.1f", s.watchedCpuMs() / 1000),
                f("%.1f", s.serverCpuMs() / 1000), o.goalMet() ? "yes" : "NO");
        System.out.println();
        System.out.printf(Locale.ROOT, "goal: run <= %.0f s %s; heap < %.0f MB %s%n", GOAL_SECONDS, mark(o.wallSeconds() <= GOAL_SECONDS),
                GOAL_HEAP_MB, mark(o.peakHeapMb() < GOAL_HEAP_MB));
        System.out.printf(Locale.ROOT, "load average after the run: %s%n", loadAverage());
        boolean clean = balanced && k.problems().isEmpty() && "completed".equals(o.status());
        return clean ? 0 : 2;
    }

    private static String money(long minor) {
        return String.format(Locale.ROOT, "%,.2f", minor / 100.0);
    }

    private static String f(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }
}
