package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import io.huitong.bench.PaymentsBench.Outcome;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payments benchmark against clusters: for each node count, a cluster of its own ({@code ops/cluster.sh up}: the
 * nodes, the channel simulator as a process of its own, nginx in front, a database of its own), the card payments load
 * of {@link PaymentsBench} through the load balancer, the CPU per payment of every process over the measured window;
 * then pgbench tpcb-like on the same server, and a projection to machines with more cores.
 */
public final class ClusterBench {

    private static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "nodes", "clients", "duration", "warmup",
            "cores", "pgbench-clients", "pgbench-scale", "pgbench-jobs", "pgbench", "node-opts");
    /** Where the last run leaves its rates, for the soak's default rate. */
    static final Path LAST = Path.of("bench/target/cluster-bench.last");

    record Config(BenchConfig pg, List<Integer> nodes, int clients, Duration duration, Duration warmup, List<Integer> cores,
                  String nodeOpts) {
    }

    /** One cluster's measured window, with the CPU of each of its processes in milliseconds over it. */
    record Row(int nodes, Outcome outcome, double[] nodeMs, double nginxMs, double simulatorMs, double redisMs, double rabbitMs, boolean balanced,
               String check) {

        double per(double ms) {
            return outcome.perPayment(ms);
        }

        double platformMs() {
            return Arrays.stream(nodeMs).sum();
        }

        /** The serving side of a payment: the nodes, nginx, Redis, RabbitMQ and PostgreSQL, in ms of CPU per payment. */
        double servingMs() {
            return per(platformMs()) + per(nginxMs) + per(redisMs) + per(rabbitMs) + per(cpu().serverCpuMs());
        }

        Profile.Snapshot cpu() {
            return outcome.cpu();
        }
    }

    public static void main(String[] args) {
        BenchMain.exit("bench/cluster.sh", "cluster", usage(), () -> new ClusterBench(parse(args)).run());
    }

    static String usage() {
        return """
                usage: bench/cluster.sh [--name=value ...]        the benchmark
                       bench/cluster.sh --soak [--name=value ...] the soak (bench/cluster.sh --soak --help)
                  --nodes=1,3            node counts, a cluster of each in turn (HUITONG_BENCH_NODES, default 1,3)
                  --clients=N            concurrent HTTP clients (HUITONG_BENCH_CLIENTS, default 32)
                  --duration=SECONDS     measured time per cluster, also pgbench's -T (HUITONG_BENCH_DURATION, default 60)
                  --warmup=SECONDS       unmeasured load before each measurement (HUITONG_BENCH_WARMUP, default 60)
                  --cores=8,16,32        core counts of the projection (HUITONG_BENCH_CORES, default 8,16,32)
                  --pgbench-clients=N    pgbench -c (HUITONG_BENCH_PGBENCH_CLIENTS, default 16)
                  --pgbench-scale=N      pgbench -i -s (HUITONG_BENCH_PGBENCH_SCALE, default 10)
                  --pgbench-jobs=N       pgbench -j (HUITONG_BENCH_PGBENCH_JOBS, default 2)
                  --pgbench=PATH         the pgbench executable (HUITONG_BENCH_PGBENCH, default pgbench)
                  --pg-url=JDBC_URL      the server (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test);
                                         the clusters' databases are created on 127.0.0.1:5432 by ops/cluster.sh
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --node-opts=OPTS       each node's JVM options (HUITONG_BENCH_NODE_OPTS, default -Xms1g -Xmx1g -XX:MaxGCPauseMillis=20,
                                         as bench/payments.sh gives its platform)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        Duration duration = in.seconds("duration", 60);
        if (duration.isZero()) {
            throw new UsageException("--duration must be at least 1 second");
        }
        List<Integer> nodes = numbers(in.text("nodes", "1,3"), "nodes", 1, 20);
        List<Integer> cores = numbers(in.text("cores", "8,16,32"), "cores", 1, 1024);
        BenchConfig pg = in.postgres(in.positive("pgbench-clients", 16), duration, in.positive("pgbench-scale", 10),
                in.positive("pgbench-jobs", 2), in.text("pgbench", "pgbench"));
        return new Config(pg, nodes, in.positive("clients", 32), duration, in.seconds("warmup", 60), cores,
                in.text("node-opts", "-Xms1g -Xmx1g -XX:MaxGCPauseMillis=20"));
    }

    private static List<Integer> numbers(String text, String name, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int n = Integer.parseInt(part.trim());
                if (n < min || n > max) {
                    throw new UsageException("--" + name + " must be numbers from " + min + " to " + max + ": " + text);
                }
                if (!out.contains(n)) {
                    out.add(n);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a list of numbers: " + text);
            }
        }
        return out;
    }

    private final Config config;
    private final Scratch scratch;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sequence = new AtomicLong();
    private final PaymentsDriver driver;
    private final int cpus = Runtime.getRuntime().availableProcessors();

    private ClusterBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
        Profile cpu = new Profile(config.pg().adminUrl(), config.pg().user(), config.pg().password(), false);
        this.driver = new PaymentsDriver(config.clients(), sequence, cpu);
    }

    private int run() {
        PgBench pgbench = new PgBench(config.pg(), scratch, new Profile(config.pg().adminUrl(), config.pg().user(),
                config.pg().password(), false));
        System.out.printf(Locale.ROOT, "Huitong payments benchmark on clusters (ops/cluster.sh: nodes behind nginx, the channel simulator"
                + " as a process of its own)%n");
        System.out.printf(Locale.ROOT, "  server      PostgreSQL %s at %s:%s (synchronous_commit=%s)%n", scratch.serverVersion(),
                config.pg().host(), config.pg().port(), scratch.setting("synchronous_commit"));
        System.out.printf(Locale.ROOT, "  machine     %d CPUs, load average %s before the run (every process of the run shares them)%n",
                cpus, BenchSupport.loadAverage());
        System.out.printf(Locale.ROOT, "  load        %d clients sending POST /v1/payments (card, a new approved card each, automatic capture)"
                + " of %d minor units (CNY) to the load balancer, a fresh Idempotency-Key each; per cluster %d s warm-up,"
                + " %d s measured%n", config.clients(), PaymentsBench.AMOUNT, config.warmup().toSeconds(), config.duration().toSeconds());
        System.out.printf(Locale.ROOT, "  clusters    %s node(s); each node's JVM: %s%n", config.nodes(), config.nodeOpts());
        System.out.printf(Locale.ROOT, "  pgbench     %s: -i -s %d; -b tpcb-like -c %d -j %d -T %d -n%n%n", pgbench.version(),
                config.pg().pgbenchScale(), config.pg().threads(), Math.min(config.pg().pgbenchJobs(), config.pg().threads()),
                config.duration().toSeconds());

        List<Row> rows = new ArrayList<>();
        for (int n : config.nodes()) {
            rows.add(measure(n));
        }

        System.out.printf(Locale.ROOT, "pgbench: initialising scale %d and running %d clients for %d s ...%n", config.pg().pgbenchScale(),
                config.pg().threads(), config.duration().toSeconds());
        PgBench.Result reference = pgbench.run();
        Profile.Snapshot ref = reference.profile();
        double pgPerTx = ref.serverCpuMs() / reference.transactions();
        System.out.printf(Locale.ROOT, "pgbench: %.1f TPS, latency average %.3f ms, %d failed; CPU per transaction: PostgreSQL %.3f ms,"
                        + " pgbench %.3f ms; machine %.0f%% busy%n", reference.tps(), reference.latencyAverageMs(), reference.failed(),
                pgPerTx, ref.childCpuMs() / reference.transactions(), ref.machineBusyPercent());
        if (ref.shared(true)) {
            System.out.printf(Locale.ROOT, "  OTHER PROCESSES used CPU during pgbench's run (its numbers are skewed): %s%n", ref.others(true));
        }
        System.out.println();

        printTable(rows, reference);
        printProjection(rows, reference, pgPerTx);

        boolean clean = true;
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "ledger after the %d-node run: %s%n", r.nodes(), r.balanced() ? "balanced" : "NOT BALANCED: " + r.check());
            clean &= r.balanced() && r.outcome().errors() == 0;
            if (!r.outcome().errorKinds().isEmpty()) {
                System.out.printf(Locale.ROOT, "errors, %d node(s):%n", r.nodes());
                r.outcome().errorKinds().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %8d  %s%n", count, kind));
            }
        }
        System.out.printf(Locale.ROOT, "%nload average after the run: %s%n", BenchSupport.loadAverage());
        remember(rows);
        return clean ? 0 : 2;
    }

    private Row measure(int nodes) {
        String database = "huitong_cbench_" + nodes + "n_" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        System.out.printf(Locale.ROOT, "%d node(s): starting the cluster (database %s) ...%n", nodes, database);
        long started = System.nanoTime();
        LocalCluster cluster = LocalCluster.up(Path.of("").toAbsolutePath(), nodes, database, nodeEnvironment());
        try {
            System.out.printf(Locale.ROOT, "%d node(s): up in %.0f s behind %s (%s)%n", nodes, (System.nanoTime() - started) / 1e9,
                    cluster.url(), cluster.describe());
            String key = PaymentsPlatform.onboardMerchant(http, cluster.url(), cluster.adminKey());
            PaymentLoads.Load load = new PaymentLoads.CardLoad(sequence);
            String scenario = nodes + (nodes == 1 ? " node" : " nodes");
            if (!config.warmup().isZero()) {
                System.out.printf(Locale.ROOT, "%s: warming up %d s ...%n", scenario, config.warmup().toSeconds());
                Outcome warm = driver.drive(scenario, load, cluster.url(), database, key, config.warmup(), "warm" + nodes, false);
                if (!warm.errorKinds().isEmpty()) {
                    System.out.printf(Locale.ROOT, "%s: errors during the warm-up: %s%n", scenario, warm.errorKinds());
                }
            }
            if (scratch.analyzeWithoutAutovacuum(database)) {
                System.out.printf(Locale.ROOT, "%s: the server runs without autovacuum; analyzed the database after the warm-up%n", scenario);
            }
            scratch.checkpoint();
            long[] nodePids = new long[nodes];
            for (int i = 1; i <= nodes; i++) {
                nodePids[i - 1] = cluster.nodePid(i);
                if (nodePids[i - 1] < 0) {
                    throw new IllegalStateException("node-" + i + " is not running (see " + cluster.state() + "/node-" + i + "/node.log)");
                }
            }
            List<Long> nginx = cluster.nginxPids();
            long simulator = cluster.simulatorPid();
            // the shared services the nodes use: every local Redis server (velocity, rate limits) and RabbitMQ node (events)
            List<Long> redis = Profile.pidsOf("redis-server");
            List<Long> rabbit = Profile.pidsOf("beam.smp");
            List<Long> all = new ArrayList<>();
            Arrays.stream(nodePids).forEach(all::add);
            all.addAll(nginx);
            all.add(simulator);
            all.addAll(redis);
            all.addAll(rabbit);
            long[] watched = all.stream().mapToLong(Long::longValue).toArray();
            System.out.printf(Locale.ROOT, "%s: measuring %d s ...%n", scenario, config.duration().toSeconds());
            Outcome o = driver.drive(scenario, load, cluster.url(), database, key, config.duration(), "run" + nodes, true, watched);
            Profile.Snapshot s = o.cpu();
            double[] nodeMs = Arrays.stream(nodePids).mapToDouble(s::watchedCpuMs).toArray();
            double nginxMs = nginx.stream().mapToDouble(s::watchedCpuMs).sum();
            String check = PaymentsPlatform.adminGet(http, cluster.url(), cluster.adminKey(), "/v1/admin/ledger/check").replaceAll("\\s+", "");
            Row row = new Row(nodes, o, nodeMs, nginxMs, s.watchedCpuMs(simulator), redis.stream().mapToDouble(s::watchedCpuMs).sum(),
                    rabbit.stream().mapToDouble(s::watchedCpuMs).sum(), check.contains("\"balanced\":true"), check);
            printWindow(row);
            cluster.close();
            return row;
        } catch (RuntimeException e) {
            // stopped, its database dropped, its logs kept
            cluster.down(true);
            System.err.printf(Locale.ROOT, "%d node(s): the cluster's logs are in %s%n", nodes, cluster.state());
            throw e;
        }
    }

    /** What every node gets: the JVM options, and public rate limits the one load-generating address does not reach. */
    private Map<String, String> nodeEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("HUITONG_JAVA_OPTS", config.nodeOpts());
        env.put("HUITONG_RATE_LIMIT_PER_ADDRESS", "1000000");
        env.put("HUITONG_RATE_LIMIT_OVERALL", "1000000");
        return env;
    }

    private void printWindow(Row r) {
        Outcome o = r.outcome();
        Profile.Snapshot s = r.cpu();
        double all = s.seconds() * 1000 * cpus;
        System.out.printf(Locale.ROOT, "%d node(s): %.1f payments/s, %d errors; CPU per payment: nodes %.3f ms (%s), nginx %.3f ms,"
                        + " simulator %.3f ms, Redis %.3f ms, RabbitMQ %.3f ms, PostgreSQL %.3f ms, client %.3f ms; machine %.0f%% busy"
                        + " (nodes %.0f%%, nginx %.0f%%, simulator %.0f%%, Redis %.0f%%, RabbitMQ %.0f%%, PostgreSQL %.0f%%, client %.0f%%)%n",
                r.nodes(), o.rate(), o.errors(), r.per(r.platformMs()), perNode(r), r.per(r.nginxMs()), r.per(r.simulatorMs()),
                r.per(r.redisMs()), r.per(r.rabbitMs()), r.per(s.serverCpuMs()), r.per(s.jvmCpuMs()), s.machineBusyPercent(),
                100 * r.platformMs() / all, 100 * r.nginxMs() / all, 100 * r.simulatorMs() / all, 100 * r.redisMs() / all,
                100 * r.rabbitMs() / all, 100 * s.serverCpuMs() / all, 100 * s.jvmCpuMs() / all);
        if (s.shared(false)) {
            System.out.printf(Locale.ROOT, "  OTHER PROCESSES used CPU during this window (its numbers are skewed): %s%n", s.others(false));
        }
        System.out.println();
    }

    private static String perNode(Row r) {
        return String.join(" / ", Arrays.stream(r.nodeMs()).mapToObj(ms -> f("%.3f", r.per(ms))).toList());
    }

    private void printTable(List<Row> rows, PgBench.Result reference) {
        System.out.printf(Locale.ROOT, "card payments through the load balancer, %d clients; CPU in ms per payment that succeeded%n",
                config.clients());
        String row = "%-7s %10s %7s %7s %7s %6s %8s | %8s  %-23s %7s %9s %7s %8s %10s %7s | %6s%n";
        System.out.printf(Locale.ROOT, row, "nodes", "payments/s", "p50 ms", "p95 ms", "p99 ms", "errors", "vs pgb.", "nodes Σ",
                "per node", "nginx", "simulator", "Redis", "RabbitMQ", "PostgreSQL", "client", "busy");
        for (Row r : rows) {
            Outcome o = r.outcome();
            Profile.Snapshot s = r.cpu();
            System.out.printf(Locale.ROOT, row, r.nodes(), f("%.1f", o.rate()), f("%.2f", o.percentileMs(0.50)), f("%.2f", o.percentileMs(0.95)),
                    f("%.2f", o.percentileMs(0.99)), o.errors(), f("%.2fx", o.rate() / reference.tps()), f("%.3f", r.per(r.platformMs())),
                    perNode(r), f("%.3f", r.per(r.nginxMs())), f("%.3f", r.per(r.simulatorMs())), f("%.3f", r.per(r.redisMs())),
                    f("%.3f", r.per(r.rabbitMs())), f("%.3f", r.per(s.serverCpuMs())),
                    f("%.3f", r.per(s.jvmCpuMs())), f("%.0f%%", s.machineBusyPercent()));
        }
        System.out.printf(Locale.ROOT, row, "pgbench", f("%.1f", reference.tps()), "-", "-", "-", reference.failed(), "1.00x", "-", "-", "-", "-",
                "-", "-",
                f("%.3f", reference.profile().serverCpuMs() / reference.transactions()),
                f("%.3f", reference.profile().childCpuMs() / reference.transactions()), f("%.0f%%", reference.profile().machineBusyPercent()));
        System.out.printf(Locale.ROOT, "(PostgreSQL: every local postgres process, so also what other databases on the server did in the window;"
                + " Redis and RabbitMQ: every local redis-server and beam.smp process; client: the load generator's JVM; busy: the whole"
                + " machine)%n%n");
    }

    /**
     * The projection: the serving side of a payment (the nodes, nginx, Redis, RabbitMQ and PostgreSQL; the load generator and the
     * simulator stand for merchants and acquirers, which are elsewhere) is CPU-bound and its cost per payment stays what
     * it was measured here, so a machine of C cores carries C / (that cost) payments a second, each process kind on its
     * share of the cores; PostgreSQL, one primary, caps it: its tpcb-like rate here scaled by C / the cores here, in
     * payments by what a payment costs PostgreSQL against a pgbench transaction.
     */
    private void printProjection(List<Row> rows, PgBench.Result reference, double pgPerTx) {
        System.out.printf(Locale.ROOT, "projection to machines with more cores%n");
        System.out.printf(Locale.ROOT, "  assumptions: the work is CPU-bound and each process's CPU per payment stays what it was measured here, so"
                + " the rate grows linearly with the cores; the nodes, nginx, Redis, RabbitMQ and PostgreSQL share the C cores in proportion to their"
                + " cost (the load generator and the simulator stand for merchants and acquirers: elsewhere);%n");
        System.out.printf(Locale.ROOT, "  PostgreSQL, one primary, caps it: pgbench tpcb-like did %.1f TPS on these %d cores (PostgreSQL %.3f ms CPU"
                        + " a transaction); scaled by C/%d, and by that cost against a payment's, that is the payments a primary of C cores"
                        + " takes. Linear scaling of pgbench is itself an assumption: past some point the WAL's flushes (one per commit"
                        + " group) and lock contention bend it, and this machine cannot show where.%n", reference.tps(), cpus, pgPerTx, cpus);
        for (Row r : rows) {
            Profile.Snapshot s = r.cpu();
            double p = r.per(r.platformMs());
            double n = r.per(r.nginxMs());
            double q = r.per(r.redisMs()) + r.per(r.rabbitMs());
            double g = r.per(s.serverCpuMs());
            double t = r.servingMs();
            System.out.printf(Locale.ROOT, "%n  from the %d-node row: a payment costs nodes %.3f + nginx %.3f + Redis and RabbitMQ %.3f + PostgreSQL"
                    + " %.3f = %.3f ms of CPU; PostgreSQL's cost is %.2fx a pgbench transaction's%n", r.nodes(), p, n, q, g, t, g / pgPerTx);
            String line = "  %8s %14s %11s %16s %16s %18s %16s %14s%n";
            System.out.printf(Locale.ROOT, line, "cores", "nodes' cores", "nginx", "Redis+RabbitMQ", "PostgreSQL cores", "CPU-bound pay/s",
                    "PostgreSQL cap", "projected");
            List<Integer> cores = new ArrayList<>(config.cores());
            if (!cores.contains(cpus)) {
                cores.addFirst(cpus);
            }
            for (int c : cores) {
                double rate = c * 1000 / t;
                double cap = reference.tps() * c / cpus * pgPerTx / g;
                System.out.printf(Locale.ROOT, line, c + (c == cpus ? " (here)" : ""), f("%.1f", c * p / t), f("%.1f", c * n / t),
                        f("%.1f", c * q / t), f("%.1f", c * g / t), f("%.0f", rate), f("%.0f", cap), f("%.0f", Math.min(rate, cap)));
            }
            System.out.printf(Locale.ROOT, "  (measured here: %.1f payments/s, with the load generator and the simulator on the same cores)%n",
                    r.outcome().rate());
        }
        System.out.println();
    }

    /** The measured rates, for the soak's default rate (half of the largest cluster's). */
    private static void remember(List<Row> rows) {
        StringBuilder text = new StringBuilder("# payments/s measured by bench/cluster.sh, by node count\n");
        for (Row r : rows) {
            text.append("rate.").append(r.nodes()).append('=').append(f("%.1f", r.outcome().rate())).append('\n');
        }
        try {
            Files.createDirectories(LAST.getParent());
            Files.writeString(LAST, text);
        } catch (IOException e) {
            System.err.println("could not write " + LAST + ": " + e.getMessage());
        }
    }

    private static String f(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
