package io.huitong.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own yardstick on the same server: {@code pgbench -b tpcb-like}, the classic
 * debit/credit banking transaction (three balance updates, a select and a history insert), in a
 * scratch database of its own.
 */
final class PgBench {

    /** PostgreSQL 14+ prints "without initial connection time"; older ones "excluding connections establishing". */
    private static final Pattern TPS = Pattern.compile(
            "^tps = ([0-9]+(?:\\.[0-9]+)?) \\((?:without initial connection time|excluding connections establishing)\\)",
            Pattern.MULTILINE);
    private static final Pattern LATENCY = Pattern.compile("^latency average = ([0-9.]+) ms", Pattern.MULTILINE);
    private static final Pattern FAILED = Pattern.compile("^number of failed transactions: ([0-9]+)", Pattern.MULTILINE);
    private static final Pattern PROCESSED = Pattern.compile("^number of transactions actually processed: ([0-9]+)", Pattern.MULTILINE);

    /**
     * What pgbench reported, and the machine's CPU over its run ({@code profile}); {@code transactions} is what it
     * processed, or, from an output without that line, TPS times the run's length.
     */
    record Result(double tps, double latencyAverageMs, long failed, String version, Profile.Snapshot profile, long transactions) {
    }

    private final BenchConfig config;
    private final Scratch scratch;

    private final Profile profile;

    PgBench(BenchConfig config, Scratch scratch, Profile profile) {
        this.config = config;
        this.scratch = scratch;
        this.profile = profile;
    }

    /** The pgbench version line, or a clear failure when the executable can't be run. */
    String version() {
        return run(List.of(config.pgbenchCommand(), "--version"), 30).trim();
    }

    Result run() {
        String version = version();
        String database = scratch.create("huitong_pgbench");
        try {
            run(command("-i", "-q", "-s", Integer.toString(config.pgbenchScale()), database), 1800);
            scratch.checkpoint();
            profile.start(database);
            String out = run(command("-b", "tpcb-like", "-n",
                    "-c", Integer.toString(config.threads()),
                    "-j", Integer.toString(Math.min(config.pgbenchJobs(), config.threads())),
                    "-T", Long.toString(config.duration().toSeconds()),
                    database), config.duration().toSeconds() + 600);
            Profile.Snapshot snapshot = profile.stop();
            Matcher tps = TPS.matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("no \"tps = ... (without initial connection time)\" line in pgbench output:\n" + out);
            }
            Matcher latency = LATENCY.matcher(out);
            Matcher failed = FAILED.matcher(out);
            Matcher processed = PROCESSED.matcher(out);
            long transactions = processed.find() ? Long.parseLong(processed.group(1))
                    : Math.round(Double.parseDouble(tps.group(1)) * snapshot.seconds());
            if (profile.detailed()) {
                Profile.print("pgbench tpcb-like (WAL per transaction; counts approximate)", snapshot, transactions, 0, 0);
            }
            return new Result(Double.parseDouble(tps.group(1)),
                    latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                    failed.find() ? Long.parseLong(failed.group(1)) : 0,
                    version, snapshot, transactions);
        } finally {
            scratch.drop(database);
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(config.pgbenchCommand(),
                "-h", config.host(), "-p", config.port(), "-U", config.user()));
        command.addAll(List.of(args));
        return command;
    }

    private String run(List<String> command, long timeoutSeconds) {
        Path log = null;
        try {
            log = Files.createTempFile("huitong-pgbench", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile());
            if (!config.password().isEmpty()) {
                builder.environment().put("PGPASSWORD", config.password());
            }
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + " (" + e.getMessage()
                    + "); install PostgreSQL's client tools or point --pgbench / HUITONG_BENCH_PGBENCH at the executable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
