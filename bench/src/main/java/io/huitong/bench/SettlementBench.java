package io.huitong.bench;

import static io.huitong.bench.BenchSupport.*;
import static io.huitong.bench.BenchThreads.join;
import static io.huitong.bench.BenchThreads.sleep;

import io.huitong.bench.BenchConfig.UsageException;
import io.huitong.settlement.domain.BusinessCalendar;
import io.huitong.settlement.domain.SettlementCutoff;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settlement benchmark: the platform ({@code app/target/huitong.jar}) on a scratch PostgreSQL database with a heap of
 * 512 MB, {@code --merchants} merchants onboarded through the operator API (T1, 0.6 %, a settlement bank account each),
 * {@code --payments} succeeded card payments and {@code --refunds} refunds of the last due business day written in bulk
 * as the payments core and the ledger write them ({@link SettlementData}), then one settlement run over them, timed from
 * its request to its completion, with the platform's heap sampled throughout and the CPU of the platform and of
 * PostgreSQL counted. Afterwards the ledger must balance and every payment and refund must be in exactly one line.
 */
public final class SettlementBench {

    private static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "payments", "refunds", "merchants", "days",
            "bank-accounts", "seed", "jar", "platform-opts", "profile", "jfr", "before-run", "keep-database", "timeout");
    static final double GOAL_SECONDS = 60;
    static final double GOAL_HEAP_MB = 512;
    /** How often the platform's heap is asked for during the run. */
    static final long HEAP_SAMPLE_MILLIS = 200;
    /** How often the run's status is asked for. */
    private static final long POLL_MILLIS = 250;
    /** Clients onboarding merchants at once. */
    private static final int ONBOARDING_CLIENTS = 4;

    record Config(BenchConfig pg, int payments, int refunds, int merchants, int days, boolean bankAccounts, long seed, Path jar,
                  List<String> platformOpts, boolean profile, Path jfr, Path beforeRun, boolean keepDatabase, Duration timeout) {
    }

    public static void main(String[] args) {
        BenchMain.exit("bench/settlement.sh", "settlement", usage(), () -> new SettlementBench(parse(args)).run());
    }

    static String usage() {
        return """
                usage: bench/settlement.sh [--name=value ...]
                  --payments=N           succeeded card payments to settle (HUITONG_BENCH_PAYMENTS, default 1000000)
                  --refunds=N            refunds of some of them, each of its own payment (HUITONG_BENCH_REFUNDS, default 50000)
                  --merchants=N          merchants they are spread over, onboarded through the operator API
                                         (HUITONG_BENCH_MERCHANTS, default 1000)
                  --days=N               business days before the cut-off the movements are spread over (HUITONG_BENCH_DAYS, default 1)
                  --bank-accounts=BOOL   give every merchant a settlement bank account, so that settlements open payouts
                                         (HUITONG_BENCH_BANK_ACCOUNTS, default true; false measures settlement alone)
                  --seed=N               the generated amounts, merchants and times (HUITONG_BENCH_SEED, default 1)
                  --pg-url=JDBC_URL      a database on the server to use; the scratch database is created next to it
                                         (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --jar=PATH             the platform (default app/target/huitong.jar)
                  --platform-opts=OPTS   JVM options of the platform (HUITONG_BENCH_PLATFORM_OPTS, default -Xmx512m)
                  --profile=BOOL         also sample what the database's backends do during the run, by statement
                                         (HUITONG_BENCH_PROFILE, default false)
                  --jfr=FILE             record the platform with JFR (settings=profile, and the CPU-time sampler) from the
                                         run's request to its completion, into FILE (HUITONG_BENCH_JFR)
                  --before-run=FILE      SQL statements (each ending with a semicolon at the end of a line) run on the scratch
                                         database once the data is written, before the run: an index or a setting to try
                                         (HUITONG_BENCH_BEFORE_RUN)
                  --keep-database=BOOL   leave the scratch database and the platform's data dir for a closer look, and print
                                         their names (HUITONG_BENCH_KEEP_DATABASE, default false)
                  --timeout=SECONDS      give up on a run that has not completed by then (HUITONG_BENCH_TIMEOUT, default 1800)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        int payments = in.positive("payments", 1_000_000);
        String refundsText = in.text("refunds", "50000").trim();
        int refunds = refundsText.equals("0") ? 0 : in.positive("refunds", 50_000);
        if (refunds > payments) {
            throw new UsageException("--refunds may be at most --payments (each refund is of a payment of its own)");
        }
        int merchants = in.positive("merchants", 1000);
        BenchConfig pg = in.postgres();
        pg.urlFor("x"); // refuses a URL that is not PostgreSQL's
        return new Config(pg, payments, refunds, merchants, in.positive("days", 1), in.flag("bank-accounts", true),
                Long.parseLong(in.text("seed", "1").trim()), Path.of(in.text("jar", "app/target/huitong.jar")),
                in.words("platform-opts", "-Xmx512m"),
                in.flag("profile"), in.text("jfr", "").isBlank() ? null : Path.of(in.text("jfr", "")).toAbsolutePath(),
                in.text("before-run", "").isBlank() ? null : Path.of(in.text("before-run", "")),
                in.flag("keep-database"), Duration.ofSeconds(in.positive("timeout", 1800)));
    }

    private final Config config;
    private final Scratch scratch;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SettlementBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
    }

    /** What one run did, as measured and as the database says afterwards. */
    record Outcome(String runId, String status, double wallSeconds, double recordedSeconds, Profile.Snapshot cpu, double backendCpuMs,
                   HeapSampler.Result heap, GcLog.Summary gc, SettlementChecks checks, String checkAfter, double checkAfterSeconds) {

        double linesPerSecond() {
            return checks.lines() / wallSeconds;
        }

        double peakHeapMb() {
            return Math.max(heap.peakMb(), gc.peakBeforeMb());
        }

        boolean goalMet() {
            return "completed".equals(status) && wallSeconds <= GOAL_SECONDS && peakHeapMb() < GOAL_HEAP_MB;
        }
    }

    private int run() {
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("no platform at " + config.jar() + "; build it with ./huitong build");
        }
        String server = scratch.serverVersion();
        System.out.printf(Locale.ROOT, "Huitong settlement benchmark%n");
        System.out.printf(Locale.ROOT, "  server      PostgreSQL %s at %s:%s (synchronous_commit=%s, shared_buffers=%s)%n", server,
                config.pg().host(), config.pg().port(), scratch.setting("synchronous_commit"), scratch.setting("shared_buffers"));
        System.out.printf(Locale.ROOT, "  machine     %d CPUs, load average %s before the run (platform and PostgreSQL share them)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf(Locale.ROOT, "  platform    %s, JVM options %s%n", config.jar(), String.join(" ", config.platformOpts()));
        System.out.printf(Locale.ROOT, "  data        %,d succeeded card payments and %,d refunds over %,d merchants (T1, fee 0.6%%%s),"
                        + " spread over %d business day(s) before the cut-off%n", config.payments(), config.refunds(), config.merchants(),
                config.bankAccounts() ? ", a settlement bank account each" : ", no bank accounts: no payouts", config.days());
        System.out.printf(Locale.ROOT, "  goal        the whole run in <= %.0f s with the heap under %.0f MB%n%n", GOAL_SECONDS, GOAL_HEAP_MB);

        String database = createDatabase();
        BenchPlatform platform = null;
        boolean failed = true;
        try {
            platform = BenchPlatform.start(config, database);
            int status = SettlementReport.print(measure(platform, database), config.merchants());
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
                System.out.printf(Locale.ROOT, "%nkept: database %s%s%n", database,
                        platform == null ? "" : ", the platform's data dir " + platform.dataDir());
            } else {
                dropDatabase(database);
            }
        }
    }

    /** A new, empty database for the run; dropped at the end, also when the run is interrupted, unless it is to be kept. */
    private String createDatabase() {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        String name = "huitong_settlement_bench_" + java.util.HexFormat.of().formatHex(random);
        admin("CREATE DATABASE " + name);
        if (!config.keepDatabase()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dropDatabase(name);
                } catch (RuntimeException e) {
                    System.err.println("could not drop " + name + ": " + e.getMessage());
                }
            }, "settlement-bench-cleanup"));
        }
        return name;
    }

    private void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(config.pg().adminUrl(), config.pg().user(), config.pg().password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private Outcome measure(BenchPlatform platform, String database) {
        String url = config.pg().urlFor(database);
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "onboarding %,d merchants through POST /v1/admin/merchants%s ...%n", config.merchants(),
                config.bankAccounts() ? " and PUT /v1/admin/merchants/{id}/bank_account" : "");
        List<String> merchants = onboard(platform);
        System.out.printf(Locale.ROOT, "  %,d merchants in %.1f s%n", merchants.size(), seconds(t0));

        SettlementData.Window window;
        LocalDate businessDate;
        try (Connection c = DriverManager.getConnection(url, config.pg().user(), config.pg().password())) {
            BusinessCalendar calendar = calendar(c);
            businessDate = LocalDate.now(SettlementCutoff.ZONE);
            window = SettlementData.window(calendar, businessDate, config.days());
            System.out.printf(Locale.ROOT, "business date %s: T1 settles what happened before %s (Asia/Shanghai %s);"
                            + " movements from %s%n", businessDate, window.cutoff(), window.cutoff().atZone(SettlementCutoff.ZONE).toLocalDateTime(),
                    window.days());
            new SettlementData(c, merchants, config.payments(), config.refunds(), config.seed(), window).load();
            if (config.beforeRun() != null) {
                beforeRun(c, config.beforeRun());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the payments failed: " + e.getMessage(), e);
        }
        scratch.checkpoint();

        long c0 = System.nanoTime();
        String checkBefore = platform.get(http, "/v1/admin/ledger/check");
        double checkBeforeSeconds = seconds(c0);
        boolean balancedBefore = balanced(checkBefore);
        System.out.printf(Locale.ROOT, "ledger check before the run: %s in %.1f s (not part of the goal)%n",
                balancedBefore ? "balanced" : "NOT BALANCED " + compact(checkBefore), checkBeforeSeconds);
        if (!balancedBefore) {
            throw new LedgerNotBalanced(compact(checkBefore));
        }
        scratch.checkpoint();

        Profile cpu = new Profile(config.pg().adminUrl(), config.pg().user(), config.pg().password(), false);
        BackendStatements statements = config.profile() ? new BackendStatements(config.pg(), database) : null;
        Backends backends = new Backends(config.pg(), database);
        HeapSampler heap = new HeapSampler(http, platform.base(), platform.adminKey(), HEAP_SAMPLE_MILLIS);
        System.out.printf(Locale.ROOT, "%nsettlement run: POST /v1/admin/settlement_runs {\"business_date\":\"%s\"}, load average %s%n",
                businessDate, loadAverage());
        heap.start();
        if (config.jfr() != null) {
            jcmd(platform, "JFR.start", "name=settlement-run", "settings=profile", "jdk.CPUTimeSample#enabled=true",
                    "jdk.CPUTimeSample#throttle=2ms");
        }
        cpu.start(database, platform.process().pid());
        backends.start();
        if (statements != null) {
            statements.start();
        }
        Instant startedAt = Instant.now();
        long r0 = System.nanoTime();
        String created = platform.post(http, "/v1/admin/settlement_runs", "{\"business_date\":\"" + businessDate + "\"}", 202);
        String runId = field(created, "id");
        String status = field(created, "status");
        long lastPrint = System.nanoTime();
        String body = created;
        while ("running".equals(status)) {
            if (System.nanoTime() - r0 > config.timeout().toNanos()) {
                throw new IllegalStateException("the run " + runId + " has not completed in " + config.timeout().toSeconds() + " s: "
                        + compact(body));
            }
            sleep(POLL_MILLIS);
            body = platform.get(http, "/v1/admin/settlement_runs/" + runId);
            status = field(body, "status");
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %5.1f s: %s balances of %s done%n", seconds(r0), number(body, "done"), number(body, "total"));
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
            jcmd(platform, "JFR.stop", "name=settlement-run", "filename=" + config.jfr());
            System.out.printf(Locale.ROOT, "  flight recording of the run: %s (jfr view cpu-time-hot-methods %s)%n", config.jfr(), config.jfr());
        }
        System.out.printf(Locale.ROOT, "  run %s %s after %.1f s (%s of %s balances); load average %s%n", runId, status, wall,
                number(body, "done"), number(body, "total"), loadAverage());
        if (!"completed".equals(status)) {
            System.out.printf(Locale.ROOT, "  the run did not complete: %s%n", compact(body));
        }
        GcLog.Summary gc = GcLog.read(platform.dataDir().resolve("gc.log"), startedAt, endedAt);

        long a0 = System.nanoTime();
        String checkAfter = platform.get(http, "/v1/admin/ledger/check");
        double checkAfterSeconds = seconds(a0);
        SettlementChecks checks;
        double recorded;
        try (Connection c = DriverManager.getConnection(url, config.pg().user(), config.pg().password())) {
            checks = SettlementChecks.of(c, runId);
            recorded = recordedSeconds(c, runId);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the run's outcome failed: " + e.getMessage(), e);
        }
        if (statements != null) {
            statements.print(wall);
        }
        return new Outcome(runId, status, wall, recorded, snapshot, backendMs, sampled, gc, checks, checkAfter, checkAfterSeconds);
    }

    /**
     * Onboards the merchants (T1, 0.6 %) and, unless told not to, gives each a settlement bank account, which a second
     * operator approves; answers their ids in order.
     */
    private List<String> onboard(BenchPlatform platform) {
        String[] ids = new String[config.merchants()];
        AtomicInteger next = new AtomicInteger();
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        BenchApprover approver = config.bankAccounts() ? BenchApprover.enrol(platform, http) : null;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(ONBOARDING_CLIENTS, config.merchants()); t++) {
            threads.add(Thread.ofPlatform().name("onboarding-" + t).start(() -> {
                for (int i = next.getAndIncrement(); i < ids.length && failures.isEmpty(); i = next.getAndIncrement()) {
                    try {
                        String name = String.format(Locale.ROOT, "Bench Shop %05d", i + 1);
                        String body = platform.post(http, "/v1/admin/merchants", String.format(Locale.ROOT,
                                "{\"name\":\"%s\",\"email\":\"shop%05d@bench.example\",\"default_currency\":\"CNY\","
                                        + "\"settlement_schedule\":\"T1\",\"fee_percent_bps\":%d}", name, i + 1, SettlementData.FEE_BPS), 201);
                        String id = field(body, "id");
                        if (approver != null) {
                            // a settlement account takes effect once a second operator approves it
                            approver.approve(http, platform.put(http, "/v1/admin/merchants/" + id + "/bank_account", "{\"bank_code\":"
                                    + "\"999900000001\",\"account_number\":\"6222004000000004242\",\"account_name\":\"" + name + " Ltd\"}", 202));
                        }
                        ids[i] = id;
                    } catch (RuntimeException e) {
                        failures.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
                    }
                }
            }));
        }
        join(threads);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("onboarding the merchants failed: " + failures.keySet());
        }
        return List.of(ids);
    }

    /** The business calendar the platform stored (the shipped years, or an operator's), as the run counts T+N in it. */
    private static BusinessCalendar calendar(Connection c) throws SQLException {
        Map<Integer, Set<LocalDate>> holidays = new HashMap<>();
        Map<Integer, Set<LocalDate>> working = new HashMap<>();
        Set<Integer> years = new HashSet<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select year_number from calendar_year")) {
                while (rs.next()) {
                    years.add(rs.getInt(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select on_date, year_number, kind from calendar_day")) {
                while (rs.next()) {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    (rs.getString(3).equals("holiday") ? holidays : working).computeIfAbsent(rs.getInt(2), y -> new HashSet<>()).add(day);
                }
            }
        }
        BusinessCalendar.Builder builder = BusinessCalendar.builder();
        for (int year : years) {
            builder.year(year, holidays.getOrDefault(year, Set.of()), working.getOrDefault(year, Set.of()));
        }
        return builder.build();
    }

    /** Runs the statements of {@code file}, one by one and each on its own (VACUUM and CREATE INDEX CONCURRENTLY may be among them). */
    private static void beforeRun(Connection c, Path file) throws SQLException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("--before-run: cannot read " + file + ": " + e.getMessage());
        }
        c.setAutoCommit(true);
        for (String sql : text.split(";\\s*(\\r?\\n|$)")) {
            String statement = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
            if (statement.isEmpty()) {
                continue;
            }
            long t = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
            System.out.printf(Locale.ROOT, "  before the run (%s): %s  %.1f s%n", file.getFileName(), compact(statement), seconds(t));
        }
    }

    private static double recordedSeconds(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select extract(epoch from updated_at - created_at) from settlement_run where id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : Double.NaN;
            }
        }
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?[0-9]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    /** The ledger did not balance before the run: the data written is wrong, and nothing is measured. */
    static final class LedgerNotBalanced extends BenchMain.Refused {
        LedgerNotBalanced(String check) {
            super("the ledger does not balance after the payments were written: " + check);
        }
    }

}
