package io.huitong.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A scenario's warm-up: its load for at least the configured time, then on in steps until the platform's JIT compilers
 * have settled, that is until their threads took at most {@link #SETTLED} of the platform's CPU over the last step, or
 * until the longest warm-up allowed. On a two-core machine C2 was still taking 10 to 30 % of the platform's CPU a
 * minute into the load, and it settled after about a minute and a half: a window measured before that counts the
 * compiling as the payments' own cost (the platform's CPU per payment was about twice the settled figure).
 */
final class WarmUp {

    /** The compilers' share of the platform's CPU at which the platform counts as warm. */
    static final double SETTLED = 0.05;
    /** The length of each step after the least warm-up, and of the steps it is made of. */
    static final Duration STEP = Duration.ofSeconds(10);

    /** How long the warm-up took, the compilers' share over its last step, and the errors it met by kind. */
    record Result(Duration took, double compilerShare, Map<String, Long> errorKinds) {
    }

    private WarmUp() {
    }

    /**
     * Runs {@code step} (the load for a given time; its errors by kind) for at least {@code least}, then on until the
     * compilers of the process {@code pid} settled or {@code most} has passed.
     */
    static Result run(long pid, Duration least, Duration most, Function<Duration, Map<String, Long>> step) {
        Map<String, Long> errors = new TreeMap<>();
        Duration took = Duration.ZERO;
        double share = Double.NaN;
        while (took.compareTo(most) < 0) {
            Duration length = took.compareTo(least) < 0 ? min(STEP, least.minus(took)) : min(STEP, most.minus(took));
            Ticks before = Ticks.of(pid);
            step.apply(length).forEach((kind, count) -> errors.merge(kind, count, Long::sum));
            share = Ticks.of(pid).compilerShareSince(before);
            took = took.plus(length);
            if (took.compareTo(least) >= 0 && !(share > SETTLED)) {
                break;
            }
        }
        return new Result(took, share, errors);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * CPU ticks a JVM's threads used so far, from /proc/PID/task: those of its JIT compiler threads ("C1 CompilerThre",
     * "C2 CompilerThre") and of all of them; zeros where /proc does not tell.
     */
    record Ticks(long compiler, long all) {

        static Ticks of(long pid) {
            long compiler = 0;
            long all = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    String[] f = Profile.stat(task.resolve("stat"));
                    if (f == null) {
                        continue; // a thread that ended between the listing and the read
                    }
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    all += ticks;
                    if (f[0].startsWith("C1 CompilerThre") || f[0].startsWith("C2 CompilerThre")) {
                        compiler += ticks;
                    }
                }
            } catch (IOException | RuntimeException noProc) {
                return new Ticks(0, 0);
            }
            return new Ticks(compiler, all);
        }

        /** The compilers' share of the CPU the JVM used since {@code before}; NaN when none was counted. */
        double compilerShareSince(Ticks before) {
            long used = all - before.all;
            return used <= 0 ? Double.NaN : (double) Math.max(0, compiler - before.compiler) / used;
        }
    }
}
