package io.huitong.bench;

import static io.huitong.bench.BenchSupport.balanced;
import static io.huitong.bench.BenchSupport.compact;
import static io.huitong.bench.BenchSupport.loadAverage;
import static io.huitong.bench.BenchSupport.seconds;
import static io.huitong.bench.BenchThreads.sleep;

import io.huitong.bench.BenchConfig.UsageException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The reconciliation benchmark: the platform ({@code app/target/huitong.jar}, heap 512 MB) on a scratch PostgreSQL
 * database, a business day of {@code --lines} card payments through {@code acq_a} on its ledger ({@link ReconciliationData}),
 * and the acquirer's settlement file of the day with {@code --fault-rate} of its lines faulted, uploaded through the
 * operator API and matched; timed from the upload's request to the reconciliation's completion, with the platform's heap
 * sampled and the CPU of the platform and of PostgreSQL counted. Every planted fault must be found, in its class, and
 * nothing else ({@link ReconciliationChecks}).
 */
public final class ReconciliationBench {

    private static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "lines", "fault-rate", "merchants", "seed", "jar",
            "platform-opts", "profile", "jfr", "keep-database", "timeout");
    static final double GOAL_SECONDS = 60;
    static final double GOAL_HEAP_MB = 512;
    static final long HEAP_SAMPLE_MILLIS = 200;
    private static final long POLL_MILLIS = 250;

    record Config(BenchConfig pg, int lines, double faultRate, int merchants, long seed, Path jar, List<String> platformOpts,
                  boolean profile, Path jfr, boolean keepDatabase, Duration timeout) {

        int faults() {
            return (int) Math.round(lines * faultRate);
        }
    }

    public static void main(String[] args) {
        BenchMain.exit("bench/reconciliation.sh", "reconciliation", usage(), () -> new ReconciliationBench(parse(args)).run());
    }

    static String usage() {
        return """
                usage: bench/reconciliation.sh [--name=value ...]
                  --lines=N              card payments on the ledger, one acquirer line each (HUITONG_BENCH_LINES, default 2000000)
                  --fault-rate=R         the share of them faulted in the file: dropped, amount changed, duplicated, a line we
                                         never sent beside it, reported failed, in turns (HUITONG_BENCH_FAULT_RATE, default 0.001)
                  --merchants=N          merchants the payments are spread over (HUITONG_BENCH_MERCHANTS, default 10)
                  --seed=N               the generated amounts and merchants (HUITONG_BENCH_SEED, default 1)
                  --pg-url=JDBC_URL      a database on the server to use; the scratch database is created next to it
                                         (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --jar=PATH             the platform (default app/target/huitong.jar)
                  --platform-opts=OPTS   JVM options of the platform (HUITONG_BENCH_PLATFORM_OPTS, default -Xmx512m)
                  --profile=BOOL         also sample what the database's backends do during the run, by statement
                                         (HUITONG_BENCH_PROFILE, default false)
                  --jfr=FILE             record the platform with JFR from the upload to the completion, into FILE (HUITONG_BENCH_JFR)
                  --keep-database=BOOL   leave the scratch database and the platform's data dir, and print their names
                                         (HUITONG_BENCH_KEEP_DATABASE, default false)
                  --timeout=SECONDS      give up on a reconciliation not completed by then (HUITONG_BENCH_TIMEOUT, default 1800)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        int lines = in.positive("lines", 2_000_000);
        double rate;
        try {
            rate = Double.parseDouble(in.text("fault-rate", "0.001").trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--fault-rate must be a number, such as 0.001");
        }
        if (!(rate >= 0 && rate <= 0.5)) {
            throw new UsageException("--fault-rate must be between 0 and 0.5, got " + rate);
        }
        BenchConfig pg = in.postgres();
        pg.urlFor("x"); // refuses a URL that is not PostgreSQL's
        return new Config(pg, lines, rate, in.positive("merchants", 10), Long.parseLong(in.text("seed", "1").trim()),
                Path.of(in.text("jar", "app/target/huitong.jar")),
                in.words("platform-opts", "-Xmx512m"),
                in.flag("profile"), in.text("jfr", "").isBlank() ? null : Path.of(in.text("jfr", "")).toAbsolutePath(),
                in.flag("keep-database"), Duration.ofSeconds(in.positive("timeout", 1800)));
    }

    private final Config config;
    private final Scratch scratch;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private ReconciliationBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
    }

    /** What the run did, as measured, and what matching found. */
    record Outcome(String id, String status, long statementLines, double importSeconds, double wallSeconds, Profile.Snapshot cpu,
                   double backendCpuMs, HeapSampler.Result heap, GcLog.Summary gc, ReconciliationChecks checks, boolean balancedAfter) {

        double peakHeapMb() {
            return Math.max(heap.peakMb(), gc.peakBeforeMb());
        }

        boolean clean() {
            return "completed".equals(status) && checks.problems().isEmpty() && balancedAfter;
        }

        boolean goalMet() {
            return clean() && wallSeconds <= GOAL_SECONDS && peakHeapMb() < GOAL_HEAP_MB;
        }
    }

    private int run() {
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("no platform at " + config.jar() + "; build it with ./huitong build");
        }
        System.out.printf(Locale.ROOT, "Huitong reconciliation benchmark%n");
        System.out.printf(Locale.ROOT, "  server      PostgreSQL %s at %s:%s (shared_buffers=%s)%n", scratch.serverVersion(), config.pg().host(),
                config.pg().port(), scratch.setting("shared_buffers"));
        System.out.printf(Locale.ROOT, "  machine     %d CPUs, load average %s before the run (platform and PostgreSQL share them)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf(Locale.ROOT, "  platform    %s, JVM options %s%n", config.jar(), String.join(" ", config.platformOpts()));
        System.out.printf(Locale.ROOT, "  data        %,d card payments of %s over %d merchants; %,d faults in the acquirer's file (%s of the lines)%n",
                config.lines(), ReconciliationData.ACQUIRER, config.merchants(), config.faults(), config.faultRate());
        System.out.printf(Locale.ROOT, "  goal        import and match in <= %.0f s with the heap under %.0f MB, every fault found%n%n", GOAL_SECONDS,
                GOAL_HEAP_MB);
        String database = scratch.create("huitong_reconciliation_bench");
        BenchPlatform platform = null;
        boolean failed = true;
        try {
            platform = BenchPlatform.start(config.pg(), config.jar(), config.platformOpts(), database, "huitong-reconciliation-bench",
                    List.of("-Dhuitong.reconciliation.automatic=false", "-Dlogging.level.io.huitong.reconciliation.internal.Matcher=DEBUG"));
            int status = ReconciliationReport.print(measure(platform, database), config);
            failed = false;
            return status;
        } finally {
            if (platform != null) {
                platform.stop(config.keepDatabase() || failed);
                if (failed) {
                    System.err.printf(Locale.ROOT, "the platform's log: %s%n", platform.dataDir().resolve("platform.log"));
                }
            }
            if (config.keepDatabase()) {
                scratch.keep(database);
                System.out.printf(Locale.ROOT, "%nkept: database %s%s%n", database, platform == null ? "" : ", the platform's data dir " + platform.dataDir());
            } else {
                scratch.drop(database);
            }
        }
    }

    private Outcome measure(BenchPlatform platform, String database) {
        LocalDate businessDate = LocalDate.now(ReconciliationData.CHINA).minusDays(1);
        long t0 = System.nanoTime();
        List<String> merchants = ReconciliationLedger.open(platform, http, config.merchants());
        System.out.printf(Locale.ROOT, "%,d merchants and their ledger accounts opened through the operator API in %.1f s%n", merchants.size(),
                seconds(t0));
        long g0 = System.nanoTime();
        ReconciliationData data = new ReconciliationData(config.lines(), config.faults(), merchants, config.seed(), businessDate);
        System.out.printf(Locale.ROOT, "business date %s: %,d payments generated in %.1f s; writing them ...%n", businessDate, config.lines(), seconds(g0));
        try (Connection c = DriverManager.getConnection(config.pg().urlFor(database), config.pg().user(), config.pg().password())) {
            ReconciliationLedger.seed(c, data);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the payments failed: " + e.getMessage(), e);
        }
        Path file;
        try {
            file = Files.createTempFile("acq_a-settlement-" + businessDate + "-", ".csv");
        } catch (IOException e) {
            throw new IllegalStateException("no temporary file: " + e.getMessage(), e);
        }
        try {
            long w0 = System.nanoTime();
            ReconciliationData.SettlementFile statement = data.write(file);
            System.out.printf(Locale.ROOT, "the acquirer's file: %,d lines, %,.0f MB, %,d faults, written in %.1f s%n", statement.lines(),
                    statement.bytes() / 1e6, statement.planted().size(), seconds(w0));
            String check = ledgerCheck(platform, "before the run");
            if (!balanced(check)) {
                throw new IllegalStateException("the ledger does not balance after the payments were written: " + compact(check));
            }
            dayBefore(platform, data, businessDate.minusDays(1));
            scratch.checkpoint();
            return reconcile(platform, database, businessDate, file, statement);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file: the system cleans it up
            }
        }
    }

    /** The acquirer's statement of the day before, reconciled first: the channel then has another current statement. */
    private void dayBefore(BenchPlatform platform, ReconciliationData data, LocalDate date) {
        Path file = null;
        try {
            file = Files.createTempFile("acq_a-settlement-" + date + "-", ".csv");
            data.writeDayBefore(file);
            JsonNode r = ReconciliationChecks.parse(platform.upload(http, "/v1/admin/reconciliations/upload?channel=" + ReconciliationData.ACQUIRER
                    + "&business_date=" + date, file, "text/csv", 202));
            String id = r.get("id").asString();
            while ("matching".equals(r.get("status").asString())) {
                sleep(POLL_MILLIS);
                r = ReconciliationChecks.parse(platform.get(http, "/v1/admin/reconciliations/" + id));
            }
            System.out.printf(Locale.ROOT, "the day before's statement (one line nobody sent) reconciled first: %s %s, counts %s%n", id,
                    r.get("status").asString(), r.get("counts"));
        } catch (IOException e) {
            throw new IllegalStateException("no temporary file: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private Outcome reconcile(BenchPlatform platform, String database, LocalDate businessDate, Path file, ReconciliationData.SettlementFile statement) {
        Profile cpu = new Profile(config.pg().adminUrl(), config.pg().user(), config.pg().password(), false);
        BackendStatements statements = config.profile() ? new BackendStatements(config.pg(), database) : null;
        Backends backends = new Backends(config.pg(), database);
        HeapSampler heap = new HeapSampler(http, platform.base(), platform.adminKey(), HEAP_SAMPLE_MILLIS);
        System.out.printf(Locale.ROOT, "%nPOST /v1/admin/reconciliations/upload?channel=%s&business_date=%s with the file, load average %s%n",
                ReconciliationData.ACQUIRER, businessDate, loadAverage());
        heap.start();
        if (config.jfr() != null) {
            BenchSupport.jcmd(platform, "JFR.start", "name=reconciliation", "settings=profile", "jdk.CPUTimeSample#enabled=true",
                    "jdk.CPUTimeSample#throttle=2ms");
        }
        cpu.start(database, platform.process().pid());
        backends.start();
        if (statements != null) {
            statements.start();
        }
        Instant startedAt = Instant.now();
        long r0 = System.nanoTime();
        String body = platform.upload(http, "/v1/admin/reconciliations/upload?channel=" + ReconciliationData.ACQUIRER + "&business_date="
                + businessDate, file, "text/csv", 202);
        double imported = seconds(r0);
        JsonNode r = ReconciliationChecks.parse(body);
        String id = r.get("id").asString();
        System.out.printf(Locale.ROOT, "  %5.1f s: imported as %s, %s%n", imported, id, r.get("status").asString());
        long lastPrint = System.nanoTime();
        while ("matching".equals(r.get("status").asString())) {
            if (System.nanoTime() - r0 > config.timeout().toNanos()) {
                throw new IllegalStateException("the reconciliation " + id + " has not completed in " + config.timeout().toSeconds() + " s: "
                        + compact(body));
            }
            sleep(POLL_MILLIS);
            body = platform.get(http, "/v1/admin/reconciliations/" + id);
            r = ReconciliationChecks.parse(body);
            if (System.nanoTime() - lastPrint > Duration.ofSeconds(10).toNanos()) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %5.1f s: %s of %s lines classified%n", seconds(r0), r.get("progress").get("done"),
                        r.get("progress").get("total"));
            }
        }
        double wall = seconds(r0);
        Instant endedAt = Instant.now();
        double backendMs = backends.stop();
        if (statements != null) {
            statements.stop();
        }
        Profile.Snapshot snapshot = cpu.stop();
        HeapSampler.Result sampled = heap.stop();
        if (config.jfr() != null) {
            BenchSupport.jcmd(platform, "JFR.stop", "name=reconciliation", "filename=" + config.jfr());
            System.out.printf(Locale.ROOT, "  flight recording: %s (jfr view cpu-time-hot-methods %s)%n", config.jfr(), config.jfr());
        }
        String status = r.get("status").asString();
        System.out.printf(Locale.ROOT, "  %5.1f s: %s %s; load average %s%n", wall, id, status, loadAverage());
        System.out.printf(Locale.ROOT, "  counts %s%n", r.get("counts"));
        ReconciliationReport.passes(platform, id);
        if (statements != null) {
            statements.print(wall);
        }
        GcLog.Summary gc = GcLog.read(platform.dataDir().resolve("gc.log"), startedAt, endedAt);
        ReconciliationChecks checks = ReconciliationChecks.of(platform, http, id, r, statement.planted(), config.lines());
        boolean balancedAfter = balanced(ledgerCheck(platform, "after the run"));
        return new Outcome(id, status, statement.lines(), imported, wall, snapshot, backendMs, sampled, gc, checks, balancedAfter);
    }

    private String ledgerCheck(BenchPlatform platform, String when) {
        long c0 = System.nanoTime();
        String check = platform.get(http, "/v1/admin/ledger/check");
        System.out.printf(Locale.ROOT, "ledger check %s: %s in %.1f s%n", when, balanced(check) ? "balanced" : "NOT BALANCED " + compact(check),
                seconds(c0));
        return check;
    }
}
