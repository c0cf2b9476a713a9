package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import io.huitong.simulator.Simulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payments HTTP load benchmark: the platform ({@code app/target/huitong.jar}) on a scratch
 * PostgreSQL database, {@code --clients} concurrent clients each sending {@code POST /v1/payments}
 * (an approved card of its own, automatic capture, a fresh Idempotency-Key each) for {@code --duration} seconds,
 * then pgbench tpcb-like with as many clients on the same server, and the ratio.
 */
public final class PaymentsBench {

    private static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "clients", "duration", "warmup",
            "pgbench-scale", "pgbench-jobs", "pgbench", "jar", "platform-opts");
    private static final double GOAL_RATE = 1000;
    private static final double GOAL_P99_MS = 50;
    private static final double GOAL_RATIO = 0.5;

    record Config(BenchConfig pg, int clients, Duration duration, Duration warmup, Path jar, List<String> platformOpts) {
    }

    record Outcome(long requests, long errors, double seconds, long[] latenciesNanos, Map<String, Long> errorKinds) {

        double rate() {
            return (requests - errors) / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new PaymentsBench(parse(args)).run();
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("bench/payments.sh: " + e.getMessage());
            }
            System.err.print(usage());
            status = e.getMessage() == null ? 0 : 2;
        } catch (RuntimeException e) {
            System.err.println("payments benchmark failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static String usage() {
        return """
                usage: bench/payments.sh [--name=value ...]
                  --pg-url=JDBC_URL      a database on the server to use; scratch databases are created next to it
                                         (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --clients=N            concurrent HTTP clients, also pgbench's -c (HUITONG_BENCH_CLIENTS, default 32)
                  --duration=SECONDS     measured time, also pgbench's -T (HUITONG_BENCH_DURATION, default 60)
                  --warmup=SECONDS       unmeasured load before the measurement (HUITONG_BENCH_WARMUP, default 60; the JIT needs it)
                  --pgbench-scale=N      pgbench -i -s (HUITONG_BENCH_PGBENCH_SCALE, default 16)
                  --pgbench-jobs=N       pgbench -j (HUITONG_BENCH_PGBENCH_JOBS, default 2)
                  --pgbench=PATH         the pgbench executable (HUITONG_BENCH_PGBENCH, default pgbench)
                  --jar=PATH             the platform (default app/target/huitong.jar)
                  --platform-opts=OPTS   JVM options of the platform (HUITONG_BENCH_PLATFORM_OPTS, default -Xms1g -Xmx1g)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        int clients = in.positive("clients", 32);
        Duration duration = in.seconds("duration", 60);
        if (duration.isZero()) {
            throw new UsageException("--duration must be at least 1 second");
        }
        BenchConfig pg = new BenchConfig(in.text("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"), in.text("pg-user", "postgres"),
                in.text("pg-password", ""), clients, duration, Duration.ZERO, 1, 2, in.positive("pgbench-scale", 16),
                in.positive("pgbench-jobs", 2), in.text("pgbench", "pgbench"), false, List.of(), false);
        return new Config(pg, clients, duration, in.seconds("warmup", 60), Path.of(in.text("jar", "app/target/huitong.jar")),
                Arrays.stream(in.text("platform-opts", "-Xms1g -Xmx1g").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    }

    private final Config config;
    private final Scratch scratch;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PaymentsBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
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
        System.out.printf(Locale.ROOT, "  load        %d clients, POST /v1/payments (a new approved card each, automatic capture, fresh Idempotency-Key),"
                + " %d s warm-up, %d s measured%n", config.clients(), config.warmup().toSeconds(), config.duration().toSeconds());
        System.out.printf(Locale.ROOT, "  pgbench     %s: -i -s %d; -b tpcb-like -c %d -j %d -T %d -n%n%n", pgbench.version(),
                config.pg().pgbenchScale(), config.clients(), Math.min(config.pg().pgbenchJobs(), config.clients()),
                config.duration().toSeconds());

        Outcome outcome;
        String database = scratch.create("huitong_payments_bench");
        try {
            Platform platform = Platform.start(config, database);
            try {
                String key = platform.onboardMerchant(http);
                System.out.printf(Locale.ROOT, "payments: warming up %d s ...%n", config.warmup().toSeconds());
                if (!config.warmup().isZero()) {
                    drive(platform.base(), key, config.warmup(), "warm");
                }
                scratch.checkpoint();
                System.out.printf(Locale.ROOT, "payments: measuring %d s ...%n", config.duration().toSeconds());
                outcome = drive(platform.base(), key, config.duration(), "run");
                System.out.printf(Locale.ROOT, "payments: %.1f payments/s, %d errors%n", outcome.rate(), outcome.errors());
                String check = platform.get(http, "/v1/admin/ledger/check");
                System.out.printf(Locale.ROOT, "ledger check after the run: %s%n%n", check.replaceAll("\\s+", ""));
            } finally {
                platform.stop();
            }
        } finally {
            scratch.drop(database);
        }

        System.out.printf(Locale.ROOT, "pgbench: initialising scale %d and running %d s ...%n", config.pg().pgbenchScale(),
                config.duration().toSeconds());
        PgBench.Result reference = pgbench.run();
        System.out.printf(Locale.ROOT, "pgbench: %.1f TPS, latency average %.3f ms, %d failed%n%n", reference.tps(),
                reference.latencyAverageMs(), reference.failed());

        double ratio = outcome.rate() / reference.tps();
        System.out.printf(Locale.ROOT, "%-36s %12s %8s %8s %8s %8s %11s%n", "scenario (" + config.clients() + " clients)",
                "per second", "p50 ms", "p95 ms", "p99 ms", "errors", "vs pgbench");
        System.out.printf(Locale.ROOT, "%-36s %12.1f %8.2f %8.2f %8.2f %8d %10.2fx%n", "POST /v1/payments (card, automatic)",
                outcome.rate(), outcome.percentileMs(0.50), outcome.percentileMs(0.95), outcome.percentileMs(0.99), outcome.errors(), ratio);
        System.out.printf(Locale.ROOT, "%-36s %12.1f %8s %8s %8s %8d %10.2fx%n", "pgbench tpcb-like (TPS)", reference.tps(), "-", "-",
                "-", reference.failed(), 1.0);
        System.out.printf(Locale.ROOT, "%ngoals: >= %.0f payments/s %s; p99 <= %.0f ms %s; zero errors %s; >= %.1fx pgbench %s%n",
                GOAL_RATE, mark(outcome.rate() >= GOAL_RATE), GOAL_P99_MS, mark(outcome.percentileMs(0.99) <= GOAL_P99_MS),
                mark(outcome.errors() == 0), GOAL_RATIO, mark(ratio >= GOAL_RATIO));
        if (!outcome.errorKinds().isEmpty()) {
            System.out.printf(Locale.ROOT, "%nerrors:%n");
            outcome.errorKinds().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %8d  %s%n", count, kind));
        }
        System.out.printf(Locale.ROOT, "%nload average after the run: %s%n", loadAverage());
        return 0;
    }

    /** A Luhn-valid Visa number for payment {@code n}, outside the simulator's test cards: always approved. */
    static String card(long n) {
        return Simulator.approvedCard("411111", n);
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }

    private Outcome drive(String base, String secretKey, Duration length, String phase) {
        URI uri = URI.create(base);
        String authorization = "Authorization: Bearer " + secretKey;
        AtomicLong sequence = new AtomicLong();
        LongAdder errors = new LongAdder();
        Map<String, Long> kinds = new ConcurrentHashMap<>();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        for (int c = 0; c < config.clients(); c++) {
            long[][] mine = {new long[1 << 16]};
            int[] count = {0};
            perClient.add(null);
            int index = c;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                RawHttp connection = new RawHttp(uri.getHost(), uri.getPort());
                while (System.nanoTime() < window[1]) {
                    long n = sequence.incrementAndGet();
                    String idempotencyKey = "Idempotency-Key: " + phase + "-" + n;
                    // every payment from a card of its own, as real traffic is: risk control's velocity rules judge per card
                    byte[] bodyBytes = ("{\"amount\":1000,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                            + card(phase.length() * 1_000_000_000L + n) + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}},"
                            + "\"description\":\"bench\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    String kind = null;
                    try {
                        RawHttp.Response response = connection.post("/v1/payments", bodyBytes, authorization, idempotencyKey);
                        if (response.status() != 201 || !response.body().contains("\"status\":\"succeeded\"")) {
                            kind = response.status() + " " + errorCode(response.body());
                        }
                    } catch (IOException e) {
                        kind = e.getClass().getSimpleName();
                    }
                    long took = System.nanoTime() - t0;
                    if (kind != null) {
                        errors.increment();
                        kinds.merge(kind, 1L, Long::sum);
                    }
                    if (count[0] == mine[0].length) {
                        mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                    }
                    mine[0][count[0]++] = took;
                }
                connection.close();
                synchronized (perClient) {
                    perClient.set(index, Arrays.copyOf(mine[0], count[0]));
                }
            }));
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + length.toNanos();
        start.countDown();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        long[] all;
        synchronized (perClient) {
            all = perClient.stream().filter(a -> a != null).flatMapToLong(Arrays::stream).toArray();
        }
        Arrays.sort(all);
        return new Outcome(all.length, errors.sum(), seconds, all, new TreeMap<>(kinds));
    }

    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

    private static String errorCode(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : body.length() > 80 ? body.substring(0, 80) : body;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
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
                Platform platform = new Platform(builder.start(), "http://127.0.0.1:" + port, adminKey, dataDir);
                platform.awaitReady();
                return platform;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the platform: " + e.getMessage(), e);
            }
        }

        void awaitReady() {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the platform stopped during start-up; see " + dataDir.resolve("platform.log"));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                sleep(250);
            }
            throw new IllegalStateException("the platform did not become ready in 120 s; see " + dataDir.resolve("platform.log"));
        }

        String onboardMerchant(HttpClient http) {
            String body = send(http, HttpRequest.newBuilder(URI.create(base + "/v1/admin/merchants"))
                    .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"Bench Shop\",\"email\":\"ops@bench.example\",\"default_currency\":\"CNY\"}")).build());
            Matcher m = Pattern.compile("\"secret_key\":\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("onboarding the bench merchant failed: " + body);
            }
            return m.group(1);
        }

        String get(HttpClient http, String path) {
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

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
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
    }
}
