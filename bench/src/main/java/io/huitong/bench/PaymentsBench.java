package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import io.huitong.bench.PaymentLoads.CardLoad;
import io.huitong.bench.PaymentLoads.Load;
import io.huitong.bench.PaymentLoads.PaymentCodeLoad;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payments HTTP load benchmark: the platform ({@code app/target/huitong.jar}) on a scratch PostgreSQL database,
 * {@code --clients} concurrent clients each sending {@code POST /v1/payments} for {@code --duration} seconds after a
 * warm-up, in each scenario in turn ({@code card}: an approved card of its own, automatic capture; {@code payment_code}:
 * a payment code from a consumer's Huitong wallet), then pgbench tpcb-like on the same server, and the ratio. During
 * each measured window it counts the CPU the platform, PostgreSQL and the load generator used, per payment.
 */
public final class PaymentsBench {

    private static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "clients", "duration", "warmup",
            "warmup-max", "scenarios", "consumers", "pgbench-clients", "pgbench-scale", "pgbench-jobs", "pgbench", "jar", "platform-opts");
    static final List<String> SCENARIOS = List.of("card", "payment_code");
    private static final double GOAL_RATE = 1000;
    private static final double GOAL_P99_MS = 50;
    private static final double GOAL_RATIO = 0.5;
    /** Every payment's amount, in minor units of CNY. */
    static final long AMOUNT = 1000;
    /**
     * Payments one consumer makes in a run: risk control's default {@code user_velocity} rule reviews a consumer's 60th
     * payment within an hour, and a review fails a payment-code payment, so each consumer stays well below it.
     */
    static final int PAYMENTS_PER_CONSUMER = 50;

    record Config(BenchConfig pg, int clients, Duration duration, Duration warmup, Duration warmupMax, List<String> scenarios,
                  int consumers, Path jar, List<String> platformOpts) {
    }

    /**
     * One phase of one scenario: payments answered 201 {@code succeeded}, errors of every kind, the phase's length,
     * the latencies of every payment sent, and for a measured window the machine's CPU over it.
     */
    record Outcome(String scenario, long succeeded, long errors, double seconds, long[] latenciesNanos, Map<String, Long> errorKinds,
                   Profile.Snapshot cpu, String note) {

        double rate() {
            return succeeded / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }

        /** CPU milliseconds per payment that succeeded. */
        double perPayment(double cpuMs) {
            return succeeded == 0 ? Double.NaN : cpuMs / succeeded;
        }
    }

    public static void main(String[] args) {
        BenchMain.exit("bench/payments.sh", "payments", usage(), () -> new PaymentsBench(parse(args)).run());
    }

    static String usage() {
        return """
                usage: bench/payments.sh [--name=value ...]
                  --pg-url=JDBC_URL      a database on the server to use; scratch databases are created next to it
                                         (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --clients=N            concurrent HTTP clients (HUITONG_BENCH_CLIENTS, default 32)
                  --duration=SECONDS     measured time per scenario, also pgbench's -T (HUITONG_BENCH_DURATION, default 60)
                  --warmup=SECONDS       unmeasured load before each scenario's measurement, at least (HUITONG_BENCH_WARMUP,
                                         default 60): it goes on in 10 s steps until the platform's JIT compilers took at
                                         most 5 % of its CPU over the last step
                  --warmup-max=SECONDS   the longest warm-up (HUITONG_BENCH_WARMUP_MAX, default 240)
                  --scenarios=A,B        card, payment_code or both, run in that order (HUITONG_BENCH_SCENARIOS, default both)
                  --consumers=N          wallets paying by payment code (HUITONG_BENCH_CONSUMERS, default: enough for the card
                                         scenario's rate, or 1000 payments/s, over the longest warm-up and measurement, each paying
                                         at most 50 times)
                  --pgbench-clients=N    pgbench -c (HUITONG_BENCH_PGBENCH_CLIENTS, default 16)
                  --pgbench-scale=N      pgbench -i -s (HUITONG_BENCH_PGBENCH_SCALE, default 10)
                  --pgbench-jobs=N       pgbench -j (HUITONG_BENCH_PGBENCH_JOBS, default 2)
                  --pgbench=PATH         the pgbench executable (HUITONG_BENCH_PGBENCH, default pgbench)
                  --jar=PATH             the platform (default app/target/huitong.jar)
                  --platform-opts=OPTS   JVM options of the platform (HUITONG_BENCH_PLATFORM_OPTS, default -XX:MaxGCPauseMillis=20,
                                         what ./huitong start runs with)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        int clients = in.positive("clients", 32);
        Duration duration = in.seconds("duration", 60);
        if (duration.isZero()) {
            throw new UsageException("--duration must be at least 1 second");
        }
        List<String> chosen = in.list("scenarios", SCENARIOS);
        List<String> scenarios = SCENARIOS.stream().filter(chosen::contains).toList();
        String consumers = in.text("consumers", "auto").trim();
        int consumerCount = consumers.equals("auto") ? 0 : in.positive("consumers", 1);
        BenchConfig pg = in.postgres(in.positive("pgbench-clients", 16), duration, in.positive("pgbench-scale", 10),
                in.positive("pgbench-jobs", 2), in.text("pgbench", "pgbench"));
        Duration warmup = in.seconds("warmup", 60);
        Duration warmupMax = in.seconds("warmup-max", 240);
        if (warmupMax.compareTo(warmup) < 0) {
            throw new UsageException("--warmup-max must be at least --warmup");
        }
        return new Config(pg, clients, duration, warmup, warmupMax, scenarios, consumerCount,
                Path.of(in.text("jar", "app/target/huitong.jar")),
                in.words("platform-opts", "-XX:MaxGCPauseMillis=20"));
    }

    private final Config config;
    private final Scratch scratch;
    private final Profile cpu;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Card numbers and idempotency keys, counted over the whole run so that no two payments share one. */
    private final AtomicLong sequence = new AtomicLong();

    private final PaymentsDriver driver;

    private PaymentsBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
        this.cpu = new Profile(config.pg().adminUrl(), config.pg().user(), config.pg().password(), false);
        this.driver = new PaymentsDriver(config.clients(), sequence, cpu);
    }

    private int run() {
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("no platform at " + config.jar() + "; build it with ./huitong build");
        }
        PgBench pgbench = new PgBench(config.pg(), scratch, new Profile(config.pg().adminUrl(), config.pg().user(),
                config.pg().password(), false));
        String server = scratch.serverVersion();
        System.out.printf(Locale.ROOT, "Huitong payments HTTP benchmark%n");
        System.out.printf(Locale.ROOT, "  server      PostgreSQL %s at %s:%s (synchronous_commit=%s)%n", server, config.pg().host(),
                config.pg().port(), scratch.setting("synchronous_commit"));
        System.out.printf(Locale.ROOT, "  machine     %d CPUs, load average %s before the run (platform, PostgreSQL and clients share them)%n",
                Runtime.getRuntime().availableProcessors(), BenchSupport.loadAverage());
        System.out.printf(Locale.ROOT, "  load        %d clients sending POST /v1/payments of %d minor units (CNY), a fresh Idempotency-Key each;"
                + " per scenario %d s warm-up, %d s measured%n", config.clients(), AMOUNT, config.warmup().toSeconds(),
                config.duration().toSeconds());
        if (config.scenarios().contains("card")) {
            System.out.printf(Locale.ROOT, "  card        a new approved card each, automatic capture%n");
        }
        if (config.scenarios().contains("payment_code")) {
            System.out.printf(Locale.ROOT, "  payment_code a fresh code of a consumer's wallet each (signed up and topped up by card first; codes issued"
                    + " alongside by %d consumer clients, outside the measured call)%n", config.clients());
        }
        System.out.printf(Locale.ROOT, "  pgbench     %s: -i -s %d; -b tpcb-like -c %d -j %d -T %d -n%n%n", pgbench.version(),
                config.pg().pgbenchScale(), config.pg().threads(), Math.min(config.pg().pgbenchJobs(), config.pg().threads()),
                config.duration().toSeconds());

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, WarmUp.Result> warmups = new LinkedHashMap<>();
        String check;
        String database = scratch.create("huitong_payments_bench");
        try {
            BenchPlatform platform = PaymentsPlatform.start(config, database);
            try {
                String key = PaymentsPlatform.onboardMerchant(http, platform.base(), platform.adminKey());
                for (String scenario : config.scenarios()) {
                    Load load = switch (scenario) {
                        case "card" -> new CardLoad(sequence);
                        case "payment_code" -> PaymentCodeLoad.prepare(platform.base(), config.clients(),
                                consumers(outcomes.get("card")));
                        default -> throw new IllegalStateException(scenario);
                    };
                    System.out.printf(Locale.ROOT, "%s: warming up %d s, and on until the JIT compilers settle (at most %d s) ...%n",
                            scenario, config.warmup().toSeconds(), config.warmupMax().toSeconds());
                    if (!config.warmupMax().isZero()) {
                        WarmUp.Result warm = WarmUp.run(platform.process().pid(), config.warmup(), config.warmupMax(),
                                length -> drive(scenario, load, platform, database, key, length, "warm", false).errorKinds());
                        warmups.put(scenario, warm);
                        System.out.printf(Locale.ROOT, "%s: warmed up for %d s; the JIT compilers took %.0f%% of the platform's CPU over its"
                                + " last %d s%s%n", scenario, warm.took().toSeconds(), 100 * warm.compilerShare(), WarmUp.STEP.toSeconds(),
                                warm.compilerShare() > WarmUp.SETTLED ? " (NOT SETTLED: the measured window counts their compiling)" : "");
                    }
                    if (scratch.analyzeWithoutAutovacuum(database)) {
                        System.out.printf(Locale.ROOT, "%s: the server runs without autovacuum; analyzed the database after the warm-up,"
                                + " as autovacuum would have%n", scenario);
                    }
                    scratch.checkpoint();
                    System.out.printf(Locale.ROOT, "%s: measuring %d s ...%n", scenario, config.duration().toSeconds());
                    WarmUp.Ticks before = WarmUp.Ticks.of(platform.process().pid());
                    Outcome outcome = drive(scenario, load, platform, database, key, config.duration(), "run", true);
                    outcomes.put(scenario, outcome);
                    printWindow(outcome);
                    System.out.printf(Locale.ROOT, "%s: the JIT compilers took %.1f%% of the platform's CPU in the measured window%n", scenario,
                            100 * WarmUp.Ticks.of(platform.process().pid()).compilerShareSince(before));
                }
                check = PaymentsPlatform.adminGet(http, platform.base(), platform.adminKey(), "/v1/admin/ledger/check").replaceAll("\\s+", "");
                System.out.printf(Locale.ROOT, "ledger check after the run: %s%n%n", check);
            } finally {
                BenchPlatform.stop(platform.process());
            }
        } finally {
            scratch.drop(database);
        }

        System.out.printf(Locale.ROOT, "pgbench: initialising scale %d and running %d clients for %d s ...%n", config.pg().pgbenchScale(),
                config.pg().threads(), config.duration().toSeconds());
        PgBench.Result reference = pgbench.run();
        Profile.Snapshot ref = reference.profile();
        System.out.printf(Locale.ROOT, "pgbench: %.1f TPS, latency average %.3f ms, %d failed; CPU per transaction: PostgreSQL %.3f ms,"
                        + " pgbench %.3f ms; machine %.0f%% busy%n", reference.tps(), reference.latencyAverageMs(), reference.failed(),
                perTransaction(ref.serverCpuMs(), reference), perTransaction(ref.childCpuMs(), reference), ref.machineBusyPercent());
        if (ref.shared(true)) {
            System.out.printf(Locale.ROOT, "  OTHER PROCESSES used CPU during pgbench's run (its numbers are skewed): %s%n", ref.others(true));
        }
        System.out.println();

        String row = "%-34s %10s  %7s %7s %7s  %6s  %10s  %14s  %16s  %12s  %12s%n";
        System.out.printf(Locale.ROOT, row, "scenario (" + config.clients() + " clients)",
                "per second", "p50 ms", "p95 ms", "p99 ms", "errors", "vs pgbench", "platform ms/op", "PostgreSQL ms/op", "client ms/op",
                "machine busy");
        for (Outcome o : outcomes.values()) {
            System.out.printf(Locale.ROOT, row, label(o.scenario()), f("%.1f", o.rate()), f("%.2f", o.percentileMs(0.50)),
                    f("%.2f", o.percentileMs(0.95)), f("%.2f", o.percentileMs(0.99)), o.errors(), f("%.2fx", o.rate() / reference.tps()),
                    f("%.3f", o.perPayment(o.cpu().watchedCpuMs())), f("%.3f", o.perPayment(o.cpu().serverCpuMs())),
                    f("%.3f", o.perPayment(o.cpu().jvmCpuMs())), f("%.0f%%", o.cpu().machineBusyPercent()));
        }
        System.out.printf(Locale.ROOT, row, "pgbench tpcb-like (" + config.pg().threads() + " clients)", f("%.1f", reference.tps()),
                "-", "-", "-", reference.failed(), f("%.2fx", 1.0), "-", f("%.3f", perTransaction(ref.serverCpuMs(), reference)),
                f("%.3f", perTransaction(ref.childCpuMs(), reference)), f("%.0f%%", ref.machineBusyPercent()));
        System.out.println();
        for (Outcome o : outcomes.values()) {
            double ratio = o.rate() / reference.tps();
            System.out.printf(Locale.ROOT, "goals, %-13s >= %.0f payments/s %s; p99 <= %.0f ms %s; zero errors %s; >= %.1fx pgbench %s%n",
                    o.scenario() + ":", GOAL_RATE, mark(o.rate() >= GOAL_RATE), GOAL_P99_MS, mark(o.percentileMs(0.99) <= GOAL_P99_MS),
                    mark(o.errors() == 0), GOAL_RATIO, mark(ratio >= GOAL_RATIO));
        }
        boolean balanced = check.contains("\"balanced\":true");
        System.out.printf(Locale.ROOT, "ledger after the run: %s%n", balanced ? "balanced" : "NOT BALANCED: " + check);
        for (Outcome o : outcomes.values()) {
            if (o.note() != null) {
                System.out.printf(Locale.ROOT, "%nnote, %s: %s%n", o.scenario(), o.note());
            }
            if (!o.errorKinds().isEmpty()) {
                System.out.printf(Locale.ROOT, "%nerrors, %s:%n", o.scenario());
                o.errorKinds().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %8d  %s%n", count, kind));
            }
        }
        for (Map.Entry<String, WarmUp.Result> w : warmups.entrySet()) {
            if (!w.getValue().errorKinds().isEmpty()) {
                System.out.printf(Locale.ROOT, "%nerrors during the warm-up, %s:%n", w.getKey());
                w.getValue().errorKinds().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %8d  %s%n", count, kind));
            }
        }
        System.out.printf(Locale.ROOT, "%nload average after the run: %s%n", BenchSupport.loadAverage());
        boolean clean = balanced && outcomes.values().stream().allMatch(o -> o.errors() == 0);
        return clean ? 0 : 2;
    }

    private static String f(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static String label(String scenario) {
        return scenario + " (POST /v1/payments)";
    }

    private static double perTransaction(double cpuMs, PgBench.Result result) {
        return result.transactions() == 0 ? Double.NaN : cpuMs / result.transactions();
    }

    /** Wallets for the payment-code scenario: as given, or enough for the card scenario's rate (or the goal) and then some. */
    private int consumers(Outcome card) {
        if (config.consumers() > 0) {
            return config.consumers();
        }
        double rate = card == null ? GOAL_RATE : Math.max(card.rate(), 50);
        double seconds = config.warmupMax().toSeconds() + config.duration().toSeconds();
        return (int) Math.ceil(rate * 1.5 * seconds / PAYMENTS_PER_CONSUMER) + 4 * config.clients();
    }

    private static void printWindow(Outcome o) {
        Profile.Snapshot s = o.cpu();
        double all = s.seconds() * 1000 * Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%s: %.1f payments/s, %d errors; CPU per payment: platform %.3f ms, PostgreSQL %.3f ms, client %.3f ms;"
                        + " machine %.0f%% busy (platform %.0f%%, PostgreSQL %.0f%%, client %.0f%%); WAL %.0f bytes per payment%n",
                o.scenario(), o.rate(), o.errors(), o.perPayment(s.watchedCpuMs()), o.perPayment(s.serverCpuMs()), o.perPayment(s.jvmCpuMs()),
                s.machineBusyPercent(), 100 * s.watchedCpuMs() / all, 100 * s.serverCpuMs() / all, 100 * s.jvmCpuMs() / all,
                o.perPayment(s.walBytes()));
        if (s.shared(false)) {
            System.out.printf(Locale.ROOT, "  OTHER PROCESSES used CPU during this window (its numbers are skewed): %s%n", s.others(false));
        }
        System.out.println();
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }

    private Outcome drive(String scenario, Load load, BenchPlatform platform, String database, String secretKey, Duration length,
                          String phase, boolean measured) {
        return driver.drive(scenario, load, platform.base(), database, secretKey, length, phase, measured, platform.process().pid());
    }
}
