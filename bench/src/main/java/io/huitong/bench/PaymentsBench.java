package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import io.huitong.simulator.Simulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final String CONSUMER_PASSWORD = "Osmanthus-tea 2026";

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

    private final Driver driver;

    private PaymentsBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
        this.cpu = new Profile(config.pg().adminUrl(), config.pg().user(), config.pg().password(), false);
        this.driver = new Driver(config.clients(), sequence, cpu);
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
                Runtime.getRuntime().availableProcessors(), loadAverage());
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
            Platform platform = Platform.start(config, database);
            try {
                String key = platform.onboardMerchant(http);
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
                check = platform.get(http, "/v1/admin/ledger/check").replaceAll("\\s+", "");
                System.out.printf(Locale.ROOT, "ledger check after the run: %s%n%n", check);
            } finally {
                platform.stop();
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
        System.out.printf(Locale.ROOT, "%nload average after the run: %s%n", loadAverage());
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

    /** A Luhn-valid Visa number for payment {@code n}, outside the simulator's test cards: always approved. */
    static String card(long n) {
        return Simulator.approvedCard("411111", n);
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }

    /** Errors of one phase, by kind. */
    static final class Errors {
        final LongAdder count = new LongAdder();
        final Map<String, Long> kinds = new ConcurrentHashMap<>();

        void add(String kind) {
            count.increment();
            kinds.merge(kind, 1L, Long::sum);
        }
    }

    /** What a scenario's clients send, and what runs beside them. */
    interface Load {

        /** Starts what runs beside the clients until {@code deadlineNanos}. */
        default void begin(long deadlineNanos, Errors errors) {
        }

        /** The next payment's body, waiting for what it needs; null when there is none to send before {@code deadlineNanos}. */
        byte[] next(long deadlineNanos) throws InterruptedException;

        /** Waits for what runs beside the clients; something worth knowing about the phase, or null. */
        default String end() {
            return null;
        }
    }

    /** Every payment from a card of its own, as real traffic is: risk control's velocity rules judge per card. */
    static final class CardLoad implements Load {

        private final AtomicLong sequence;

        /** {@code sequence} numbers the cards, shared with the idempotency keys so that no two payments share one. */
        CardLoad(AtomicLong sequence) {
            this.sequence = sequence;
        }

        @Override
        public byte[] next(long deadlineNanos) {
            return ("{\"amount\":" + AMOUNT + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                    + card(sequence.incrementAndGet()) + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}},"
                    + "\"description\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Payments by payment code (付款码) from consumers' Huitong wallets. Setup, through the API as consumers do it: each
     * signs up, logs in and tops the wallet up by card with what its payments will take. A code is valid for 60 seconds,
     * less than a warm-up and a measured window, so codes are not issued in advance: beside the clients, one consumer
     * client per merchant client asks for fresh codes ({@code POST /v1/wallet/payment_codes}), round the consumers, into
     * a short queue the merchant clients take them from; only the merchant's {@code POST /v1/payments} is timed. The
     * platform serves both, as it does for real payment codes; its CPU per payment therefore includes issuing the code.
     */
    private static final class PaymentCodeLoad implements Load {

        private static final Pattern PAYMENT_CODE = Pattern.compile("\"code\":\"([0-9]{18})\"");
        private static final Pattern EXPIRES = Pattern.compile("\"expires_at\":\"([^\"]+)\"");
        /** A code is not used this close to its expiry: the merchant's request must reach the platform before it. */
        private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

        record Consumer(String authorization, int[] left) {
        }

        record Code(String code, long usableUntilNanos) {
        }

        private final URI base;
        private final List<Consumer> consumers;
        private final int issuers;
        private BlockingQueue<Code> codes;
        private List<Thread> threads;
        private final AtomicInteger running = new AtomicInteger();
        private final LongAdder issued = new LongAdder();
        private final LongAdder stale = new LongAdder();
        private volatile boolean ranOut;

        private PaymentCodeLoad(URI base, List<Consumer> consumers, int issuers) {
            this.base = base;
            this.consumers = consumers;
            this.issuers = issuers;
        }

        /** Signs up, logs in and funds {@code count} consumers, from a few clients at once (the passwords' hashing is slow). */
        static PaymentCodeLoad prepare(String base, int clients, int count) {
            URI uri = URI.create(base);
            int parallel = Math.min(clients, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
            System.out.printf(Locale.ROOT, "payment_code: signing up %d consumers, each topping up %d minor units by card for %d payments ...%n",
                    count, AMOUNT * PAYMENTS_PER_CONSUMER, PAYMENTS_PER_CONSUMER);
            long started = System.nanoTime();
            Consumer[] made = new Consumer[count];
            AtomicInteger next = new AtomicInteger();
            Map<String, Long> failures = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < parallel; t++) {
                threads.add(Thread.ofPlatform().name("consumer-setup-" + t).start(() -> {
                    try (RawHttp connection = new RawHttp(uri.getHost(), uri.getPort())) {
                        for (int i = next.getAndIncrement(); i < count && failures.isEmpty(); i = next.getAndIncrement()) {
                            try {
                                made[i] = signUp(connection, i);
                            } catch (IOException | IllegalStateException e) {
                                failures.merge(e.getMessage(), 1L, Long::sum);
                            }
                        }
                    }
                }));
            }
            join(threads);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("setting up the payment-code consumers failed: " + failures.keySet());
            }
            System.out.printf(Locale.ROOT, "payment_code: %d consumers ready in %.0f s%n", count, (System.nanoTime() - started) / 1e9);
            return new PaymentCodeLoad(uri, List.of(made), Math.min(clients, count));
        }

        /** Consumer {@code i}: a phone number of its own, a session, and a wallet topped up by a card of its own. */
        private static Consumer signUp(RawHttp http, int i) throws IOException {
            String phone = "+86" + (13_900_000_000L + i);
            expect(http.post("/v1/users", json("{\"phone\":\"" + phone + "\",\"password\":\"" + CONSUMER_PASSWORD
                    + "\",\"name\":\"Bench Payer " + i + "\"}")), "POST /v1/users");
            String session = expect(http.post("/v1/sessions", json("{\"phone\":\"" + phone + "\",\"password\":\"" + CONSUMER_PASSWORD
                    + "\"}")), "POST /v1/sessions");
            Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(session);
            if (!token.find()) {
                throw new IllegalStateException("POST /v1/sessions answered no token");
            }
            String authorization = "Authorization: Bearer " + token.group(1);
            // a wallet no channel verified pays nothing from its balance: the public-security channel makes it class I
            RawHttp.Response verified = http.post("/v1/users/me/verification", json("{\"name\":\"Bench Payer\",\"id_number\":\""
                    + residentId(i) + "\"}"), authorization);
            if (verified.status() != 200) {
                throw new IllegalStateException("POST /v1/users/me/verification answered " + verified.status() + " " + errorCode(verified.body()));
            }
            String topUp = expect(http.post("/v1/wallet/topups", json("{\"amount\":" + AMOUNT * PAYMENTS_PER_CONSUMER
                    + ",\"currency\":\"CNY\",\"card\":{\"number\":\"" + Simulator.approvedCard("424242", i + 1L)
                    + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}"), authorization), "POST /v1/wallet/topups");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!topUp.contains("\"status\":\"succeeded\"")) {
                Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(topUp);
                if (!topUp.contains("\"status\":\"pending\"") || !id.find() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("a top-up did not succeed: " + status(topUp));
                }
                sleep(200);
                RawHttp.Response r = http.get("/v1/wallet/topups/" + id.group(1), authorization);
                if (r.status() != 200) {
                    throw new IllegalStateException("GET /v1/wallet/topups/{id} answered " + r.status() + " " + errorCode(r.body()));
                }
                topUp = r.body();
            }
            return new Consumer(authorization, new int[] {PAYMENTS_PER_CONSUMER});
        }

        /** Consumer {@code i}'s resident ID number: one of its own (one ID verifies one account), with a valid check character. */
        static String residentId(int i) {
            String first17 = "310101" + java.time.LocalDate.of(1950, 1, 1).plusDays(i / 1000).toString().replace("-", "")
                    + String.format(Locale.ROOT, "%03d", i % 1000);
            int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
            int sum = 0;
            for (int k = 0; k < 17; k++) {
                sum += (first17.charAt(k) - '0') * weights[k];
            }
            return first17 + "10X98765432".charAt(sum % 11);
        }

        private static String status(String body) {
            Matcher m = Pattern.compile("\"status\":\"([a-z_]+)\"").matcher(body);
            return m.find() ? m.group(1) : errorCode(body);
        }

        private static String expect(RawHttp.Response r, String what) {
            if (r.status() != 201) {
                throw new IllegalStateException(what + " answered " + r.status() + " " + errorCode(r.body()));
            }
            return r.body();
        }

        private static byte[] json(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void begin(long deadlineNanos, Errors errors) {
            issued.reset();
            stale.reset();
            ranOut = false;
            codes = new ArrayBlockingQueue<>(Math.max(16, 2 * issuers));
            threads = new ArrayList<>();
            running.set(issuers);
            for (int t = 0; t < issuers; t++) {
                // issuer t serves consumers t, t + issuers, ...: no two issuers ask for the same wallet's codes
                List<Consumer> mine = new ArrayList<>();
                for (int i = t; i < consumers.size(); i += issuers) {
                    mine.add(consumers.get(i));
                }
                threads.add(Thread.ofPlatform().name("consumer-" + t).start(() -> issue(mine, deadlineNanos, errors)));
            }
        }

        private void issue(List<Consumer> mine, long deadlineNanos, Errors errors) {
            try (RawHttp connection = new RawHttp(base.getHost(), base.getPort())) {
                int turn = 0;
                while (System.nanoTime() < deadlineNanos) {
                    Consumer consumer = null;
                    for (int k = 0; k < mine.size() && consumer == null; k++) {
                        Consumer c = mine.get((turn + k) % mine.size());
                        if (c.left()[0] > 0) {
                            consumer = c;
                            turn = (turn + k + 1) % mine.size();
                        }
                    }
                    if (consumer == null) {
                        ranOut = true;
                        return;
                    }
                    consumer.left()[0]--;
                    Code code;
                    try {
                        RawHttp.Response r = connection.post("/v1/wallet/payment_codes", new byte[0], consumer.authorization());
                        code = r.status() == 201 ? code(r.body()) : null;
                        if (code == null) {
                            errors.add("payment code: " + r.status() + " " + errorCode(r.body()));
                            continue;
                        }
                    } catch (IOException e) {
                        errors.add("payment code: " + e.getClass().getSimpleName());
                        continue;
                    }
                    issued.increment();
                    long wait = deadlineNanos - System.nanoTime();
                    if (wait <= 0 || !codes.offer(code, wait, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }

        private static Code code(String body) {
            Matcher code = PAYMENT_CODE.matcher(body);
            Matcher expires = EXPIRES.matcher(body);
            if (!code.find() || !expires.find()) {
                return null;
            }
            try {
                long left = Duration.between(Instant.now(), Instant.parse(expires.group(1))).toNanos();
                return new Code(code.group(1), System.nanoTime() + left - MARGIN_NANOS);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public byte[] next(long deadlineNanos) throws InterruptedException {
            while (true) {
                Code code = codes.poll(20, TimeUnit.MILLISECONDS);
                if (code == null) {
                    if (System.nanoTime() >= deadlineNanos || (running.get() == 0 && codes.isEmpty())) {
                        return null;
                    }
                    continue;
                }
                if (System.nanoTime() > code.usableUntilNanos()) {
                    stale.increment();
                    continue;
                }
                return ("{\"amount\":" + AMOUNT + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"payment_code\","
                        + "\"payment_code\":{\"code\":\"" + code.code() + "\"}},\"description\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
            }
        }

        @Override
        public String end() {
            join(threads);
            List<String> notes = new ArrayList<>();
            if (ranOut) {
                notes.add("the consumers' payments ran out before the end (each pays at most " + PAYMENTS_PER_CONSUMER
                        + " times): the window is shorter; give more with --consumers");
            }
            if (stale.sum() > 0) {
                notes.add(stale.sum() + " codes were too close to expiry to use");
            }
            notes.add(issued.sum() + " codes issued, " + codes.size() + " left unused");
            return String.join("; ", notes);
        }
    }

    private Outcome drive(String scenario, Load load, Platform platform, String database, String secretKey, Duration length,
                          String phase, boolean measured) {
        return driver.drive(scenario, load, platform.base(), database, secretKey, length, phase, measured, platform.process().pid());
    }

    /**
     * The load and its measurement, for a platform at any base URL (one node, or a load balancer in front of several):
     * {@code clients} clients each sending {@code POST /v1/payments} over a kept-alive connection of its own, as fast
     * as they are answered. {@code sequence} numbers the idempotency keys (and the cards), {@code cpu} counts the CPU
     * of a measured window.
     */
    record Driver(int clients, AtomicLong sequence, Profile cpu) {

        /**
         * Drives {@code load} at {@code base} for {@code length} as the merchant of {@code secretKey}; for a measured
         * phase, counts the CPU of PostgreSQL, of this JVM and of the processes {@code watched} (by pid) over the window.
         */
        Outcome drive(String scenario, Load load, String base, String database, String secretKey, Duration length,
                      String phase, boolean measured, long... watched) {
            URI uri = URI.create(base);
            String authorization = "Authorization: Bearer " + secretKey;
            Errors errors = new Errors();
            LongAdder succeeded = new LongAdder();
            List<long[]> perClient = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            long[] window = new long[2];
            for (int c = 0; c < clients; c++) {
                perClient.add(null);
                int index = c;
                threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    long[] mine = new long[1 << 16];
                    int count = 0;
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    RawHttp connection = new RawHttp(uri.getHost(), uri.getPort());
                    try {
                        while (System.nanoTime() < window[1]) {
                            byte[] body = load.next(window[1]);
                            if (body == null) {
                                break;
                            }
                            String idempotencyKey = "Idempotency-Key: " + phase + "-" + sequence.incrementAndGet();
                            long t0 = System.nanoTime();
                            String kind = null;
                            try {
                                RawHttp.Response response = connection.post("/v1/payments", body, authorization, idempotencyKey);
                                if (response.status() != 201 || !response.body().contains("\"status\":\"succeeded\"")) {
                                    kind = response.status() + " " + errorCode(response.body());
                                }
                            } catch (IOException e) {
                                kind = e.getClass().getSimpleName();
                            }
                            long took = System.nanoTime() - t0;
                            if (kind != null) {
                                errors.add(kind);
                            } else {
                                succeeded.increment();
                            }
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, mine.length * 2);
                            }
                            mine[count++] = took;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        connection.close();
                        synchronized (perClient) {
                            perClient.set(index, Arrays.copyOf(mine, count));
                        }
                    }
                }));
            }
            if (measured) {
                cpu.start(database, watched);
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + length.toNanos();
            load.begin(window[1], errors);
            start.countDown();
            join(threads);
            double seconds = (System.nanoTime() - window[0]) / 1e9;
            String note = load.end();
            Profile.Snapshot snapshot = measured ? cpu.stop() : null;
            long[] all;
            synchronized (perClient) {
                all = perClient.stream().filter(a -> a != null).flatMapToLong(Arrays::stream).toArray();
            }
            Arrays.sort(all);
            return new Outcome(scenario, succeeded.sum(), errors.count.sum(), seconds, all, new TreeMap<>(errors.kinds), snapshot, note);
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

    static String errorCode(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : body.length() > 80 ? body.substring(0, 80) : body;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Onboards the benchmark's merchant through the admin API of the platform at {@code base}; its secret key. */
    static String onboardMerchant(HttpClient http, String base, String adminKey) {
        String body = send(http, HttpRequest.newBuilder(URI.create(base + "/v1/admin/merchants"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Bench Shop\",\"email\":\"ops@bench.example\",\"default_currency\":\"CNY\"}")).build());
        Matcher m = Pattern.compile("\"secret_key\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("onboarding the bench merchant failed: " + errorCode(body));
        }
        return m.group(1);
    }

    /** {@code GET path} with the operator's key; the body, whatever the status. */
    static String adminGet(HttpClient http, String base, String adminKey, String path) {
        return send(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminKey).build());
    }

    private static String send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The platform as a child process on the scratch database. */
    record Platform(Process process, String base, String adminKey, Path dataDir) {

        static Platform start(Config config, String database) {
            try {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                Path dataDir = Files.createTempDirectory("huitong-bench");
                String adminKey = "hk_bench_" + Long.toHexString(new java.security.SecureRandom().nextLong());
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(config.platformOpts());
                command.addAll(List.of("-jar", config.jar().toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dataDir.resolve("platform.log").toFile());
                Map<String, String> env = builder.environment();
                env.put("HUITONG_PORT", Integer.toString(port));
                env.put("HUITONG_DATA_DIR", dataDir.toString());
                env.put("HUITONG_ADMIN_KEY", adminKey);
                env.put("HUITONG_DB_URL", "jdbc:postgresql://" + config.pg().host() + ":" + config.pg().port() + "/" + database);
                env.put("HUITONG_DB_USER", config.pg().user());
                env.put("HUITONG_DB_PASSWORD", config.pg().password());
                // every consumer signs up from this one address, faster than the public rate limits let one address
                env.put("HUITONG_RATE_LIMIT_PER_ADDRESS", "1000000");
                env.put("HUITONG_RATE_LIMIT_OVERALL", "1000000");
                // the payment-code consumers' passwords are hashed at Argon2id's least cost: their sign-ups and logins
                // come before the load and are not measured, and at the default cost they took most of a minute per thousand
                env.put("HUITONG_PASSWORD_HASHING_MEMORY_KIB", "64");
                env.put("HUITONG_PASSWORD_HASHING_ITERATIONS", "1");
                Platform platform = new Platform(builder.start(), "http://127.0.0.1:" + port, adminKey, dataDir);
                platform.awaitReady();
                return platform;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the platform: " + e.getMessage(), e);
            }
        }

        void awaitReady() {
            BenchPlatform.awaitReady(process, base, dataDir, Duration.ofSeconds(120));
        }

        String onboardMerchant(HttpClient http) {
            return PaymentsBench.onboardMerchant(http, base, adminKey);
        }

        String get(HttpClient http, String path) {
            return adminGet(http, base, adminKey, path);
        }

        void stop() {
            BenchPlatform.stop(process);
        }
    }
}
