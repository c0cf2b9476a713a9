package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import io.huitong.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak: a cluster ({@code ops/cluster.sh}, 3 nodes by default) under mixed traffic at a fixed rate (card payments,
 * partial refunds of them, ledger transfers between accounts through the admin API, reads of payments) for
 * {@code --minutes}, one node killed with SIGKILL every {@code --kill-every} minutes and started again, round robin.
 *
 * <p>Every request that takes an Idempotency-Key carries one; a request that gets a connection error, or a 502, 503 or
 * 504 from nginx, is sent again with the same key and body until it gets an answer (so is a 409 idempotency_key_in_use:
 * the key is held by a lease of the node that died with the request, until the lease runs out). Those retries are
 * counted apart; a 5xx the client finally sees is a failure. At the end every acknowledged (2xx) payment, refund and
 * transfer is read back with its acknowledged status or a legitimate later one, the merchant's balance and every ledger
 * account's balance must be exactly what the acknowledged requests make, and the ledger check and the audit
 * verification must pass. Exit status 0 only when all of that holds, 2 otherwise.
 */
public final class ClusterSoak {

    private static final List<String> NAMES = List.of("rate", "minutes", "kill-every", "nodes", "mix", "max-in-flight", "node-opts",
            "probe", "pg-url", "pg-user", "pg-password");
    static final long PAYMENT_AMOUNT = 1000;
    static final long REFUND_AMOUNT = 100;
    static final int REFUNDS_PER_PAYMENT = 3;
    static final int ACCOUNTS = 20;
    static final long FUNDING = 1_000_000_000L;
    /** How long one request is sent again before the client gives up on it. */
    static final Duration OPERATION_DEADLINE = Duration.ofSeconds(180);

    record Config(String rate, double minutes, double killEveryMinutes, int nodes, Map<String, Integer> mix, int maxInFlight,
                  String nodeOpts, Duration probe, BenchConfig pg) {
    }

    public static void main(String[] args) {
        BenchMain.exit("bench/cluster.sh --soak", "soak", usage(), () -> new ClusterSoak(parse(args)).run());
    }

    static String usage() {
        return """
                usage: bench/cluster.sh --soak [--name=value ...]
                  --rate=N|auto          operations a second (HUITONG_BENCH_RATE, default auto: half the payments/s that
                                         bench/cluster.sh last measured with as many nodes (bench/target/cluster-bench.last),
                                         or, without one, half of what a card payments load reaches on the soak's cluster
                                         in --probe seconds)
                  --minutes=M            length of the traffic (HUITONG_BENCH_MINUTES, default 30)
                  --kill-every=M         minutes between kills; 0: none (HUITONG_BENCH_KILL_EVERY, default 5)
                  --nodes=N              nodes (HUITONG_BENCH_NODES, default 3)
                  --mix=K=W,...          weights of payments, refunds, transfers, reads
                                         (HUITONG_BENCH_MIX, default payments=40,refunds=20,transfers=20,reads=20)
                  --max-in-flight=N      requests in flight at most; past it the schedule waits and the lag is reported
                                         (HUITONG_BENCH_MAX_IN_FLIGHT, default 512)
                  --probe=SECONDS        warm-up and then measurement of the rate probe (HUITONG_BENCH_PROBE, default 30)
                  --node-opts=OPTS       each node's JVM options (HUITONG_BENCH_NODE_OPTS, default -Xms1g -Xmx1g -XX:MaxGCPauseMillis=20)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        String rate = in.text("rate", "auto").trim();
        if (!rate.equals("auto")) {
            try {
                if (Double.parseDouble(rate) <= 0) {
                    throw new UsageException("--rate must be positive: " + rate);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--rate must be a number or auto: " + rate);
            }
        }
        double minutes = decimal(in.text("minutes", "30"), "minutes");
        double killEvery = decimal(in.text("kill-every", "5"), "kill-every");
        if (minutes <= 0) {
            throw new UsageException("--minutes must be positive");
        }
        int nodes = in.positive("nodes", 3);
        if (killEvery > 0 && nodes < 2) {
            throw new UsageException("killing nodes needs at least 2 (--nodes), or --kill-every=0");
        }
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String kind : List.of("payments", "refunds", "transfers", "reads")) {
            mix.put(kind, 0);
        }
        for (String part : in.text("mix", "payments=40,refunds=20,transfers=20,reads=20").split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !mix.containsKey(kv[0].trim())) {
                throw new UsageException("--mix is kind=weight,... of payments, refunds, transfers, reads: " + part);
            }
            try {
                mix.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--mix weights are whole numbers: " + part);
            }
        }
        if (mix.get("payments") <= 0) {
            throw new UsageException("--mix must give payments a weight: refunds and reads need them");
        }
        return new Config(rate, minutes, killEvery, nodes, mix, in.positive("max-in-flight", 512),
                in.text("node-opts", "-Xms1g -Xmx1g -XX:MaxGCPauseMillis=20"), in.seconds("probe", 30), in.postgres());
    }

    private static double decimal(String text, String name) {
        try {
            double v = Double.parseDouble(text.trim());
            if (v < 0) {
                throw new UsageException("--" + name + " must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number of minutes: " + text);
        }
    }

    private final Config config;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private LocalCluster cluster;
    private URI lb;
    private String admin;
    private String merchant;

    // what the traffic saw
    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final LongAdder retriedConnection = new LongAdder();
    private final LongAdder retriedGateway = new LongAdder();
    private final LongAdder retriedKeyInUse = new LongAdder();
    private final LongAdder retriedRequests = new LongAdder();
    private final LongAdder lateStarts = new LongAdder();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    // what was acknowledged
    record Paid(String id, String status) {
    }

    record Refunded(String id, String payment, String status) {
    }

    private final List<Paid> payments = new ArrayList<>();
    private final Map<String, AtomicInteger> refundsOf = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Refunded> refunds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String[]> transfers = new ConcurrentLinkedQueue<>();
    private final AtomicLongArray balances = new AtomicLongArray(ACCOUNTS);
    private final AtomicLong sequence = new AtomicLong();

    // the kills
    record Kill(int node, double atSeconds, double restartSeconds, boolean restarted, int starts) {
    }

    private final List<Kill> kills = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<RawHttp> connections = new ConcurrentLinkedQueue<>();

    private ClusterSoak(Config config) {
        this.config = config;
    }

    private int run() {
        String database = "huitong_soak_" + run;
        Map<String, String> env = new HashMap<>();
        env.put("HUITONG_JAVA_OPTS", config.nodeOpts());
        // one address sends everything: the public rate limits would turn it away
        env.put("HUITONG_RATE_LIMIT_PER_ADDRESS", "1000000");
        env.put("HUITONG_RATE_LIMIT_OVERALL", "1000000");
        // no settlement or reconciliation run moves the merchant's balance in the middle: the balance checked at the end
        // is the acknowledged payments less the acknowledged refunds
        env.put("HUITONG_SETTLEMENT_AUTOMATIC", "false");
        env.put("HUITONG_RECONCILIATION_AUTOMATIC", "false");
        System.out.printf(Locale.ROOT, "Huitong cluster soak%n  machine     %d CPUs, load average %s%n", Runtime.getRuntime().availableProcessors(),
                BenchSupport.loadAverage());
        System.out.printf(Locale.ROOT, "soak: starting %d nodes (database %s) ...%n", config.nodes(), database);
        long started = System.nanoTime();
        cluster = LocalCluster.up(Path.of("").toAbsolutePath(), config.nodes(), database, env);
        boolean passed = false;
        try {
            lb = URI.create(cluster.url());
            admin = "Authorization: Bearer " + cluster.adminKey();
            System.out.printf(Locale.ROOT, "soak: up in %.0f s behind %s (%s); idempotency lease %s%n", (System.nanoTime() - started) / 1e9,
                    cluster.url(), cluster.describe(), System.getenv().getOrDefault("HUITONG_IDEMPOTENCY_LEASE", "30s (default)"));
            double rate = rate(database);
            setUp();
            // the summary counts the traffic's requests, not the set-up's
            for (LongAdder counter : List.of(sent, serverErrors, gaveUp, retriedConnection, retriedGateway, retriedKeyInUse, retriedRequests)) {
                counter.reset();
            }
            acknowledged.clear();
            refused.clear();
            traffic(rate);
            verify();
            passed = failures.isEmpty();
            printSummary(rate);
            return passed ? 0 : 2;
        } finally {
            connections.forEach(RawHttp::close);
            if (passed) {
                cluster.close();
            } else {
                cluster.down(true);
                System.out.printf(Locale.ROOT, "soak: logs kept in %s%n", cluster.state());
            }
        }
    }

    // ---- the rate ---------------------------------------------------------------------------------------------------

    private double rate(String database) {
        if (!config.rate().equals("auto")) {
            double rate = Double.parseDouble(config.rate());
            System.out.printf(Locale.ROOT, "soak: rate %.1f operations/s (given)%n", rate);
            return rate;
        }
        Properties last = new Properties();
        try (var in = Files.newBufferedReader(ClusterBench.LAST)) {
            last.load(in);
        } catch (IOException e) {
            // no earlier benchmark: probe
        }
        String measured = last.getProperty("rate." + config.nodes());
        if (measured != null) {
            double rate = Double.parseDouble(measured) / 2;
            System.out.printf(Locale.ROOT, "soak: rate %.1f operations/s: half the %s payments/s bench/cluster.sh last measured on %d nodes (%s)%n",
                    rate, measured, config.nodes(), ClusterBench.LAST);
            return rate;
        }
        BenchConfig pg = config.pg();
        Profile cpu = new Profile(pg.adminUrl(), pg.user(), pg.password(), false);
        PaymentsDriver driver = new PaymentsDriver(32, sequence, cpu);
        String key = PaymentsPlatform.onboardMerchant(java.net.http.HttpClient.newHttpClient(), cluster.url(), cluster.adminKey());
        PaymentLoads.Load load = new PaymentLoads.CardLoad(sequence);
        System.out.printf(Locale.ROOT, "soak: no earlier bench/cluster.sh figure for %d nodes: probing the maximum with 32 clients of card payments,"
                + " %d s warm-up and %d s measured (another merchant's) ...%n", config.nodes(), config.probe().toSeconds(), config.probe().toSeconds());
        driver.drive("probe", load, cluster.url(), database, key, config.probe(), "probe-warm", false);
        PaymentsBench.Outcome o = driver.drive("probe", load, cluster.url(), database, key, config.probe(), "probe", true);
        double rate = o.rate() / 2;
        System.out.printf(Locale.ROOT, "soak: probe %.1f payments/s (%d errors); rate %.1f operations/s, half of it%n", o.rate(), o.errors(), rate);
        if (rate < 1) {
            throw new IllegalStateException("the probe measured too little to run at half of it: " + o.errorKinds());
        }
        return rate;
    }

    // ---- set-up -----------------------------------------------------------------------------------------------------

    private void setUp() {
        Answer m = call("merchant", "POST", "/v1/admin/merchants", admin, "soak-mer-" + run,
                "{\"name\":\"Soak " + run + "\",\"email\":\"ops@soak" + run + ".example\",\"default_currency\":\"CNY\","
                        + "\"settlement_schedule\":\"T1\",\"fee_percent_bps\":0,\"fee_fixed\":0}");
        require(m.status() == 201, "onboarding the merchant: " + m);
        merchant = "Authorization: Bearer " + field(m.body(), "secret_key");
        require(call("account", "POST", "/v1/admin/ledger/accounts", admin, null,
                "{\"id\":\"" + bank() + "\",\"currency\":\"CNY\",\"type\":\"asset\"}").status() == 201, "creating the bank account");
        for (int a = 0; a < ACCOUNTS; a++) {
            Answer created = call("account", "POST", "/v1/admin/ledger/accounts", admin, null, "{\"id\":\"" + account(a)
                    + "\",\"currency\":\"CNY\",\"type\":\"liability\",\"flags\":[\"debits_must_not_exceed_credits\"]}");
            require(created.status() == 201, "creating ledger account " + account(a) + ": " + created);
            Answer funded = call("transfer", "POST", "/v1/admin/ledger/transfers", admin, "soak-fund-" + run + "-" + a,
                    "{\"id\":\"soak_fund_" + run + "_" + a + "\",\"debit_account_id\":\"" + bank() + "\",\"credit_account_id\":\""
                            + account(a) + "\",\"amount\":" + FUNDING + ",\"currency\":\"CNY\"}");
            require(funded.status() / 100 == 2, "funding ledger account " + account(a) + ": " + funded);
            balances.set(a, FUNDING);
        }
        System.out.printf(Locale.ROOT, "soak: merchant onboarded (no fees), %d ledger accounts funded with %d each%n", ACCOUNTS, FUNDING);
    }

    private String bank() {
        return "soak_bank_" + run;
    }

    private String account(int a) {
        return "soak_acc_" + run + "_" + a;
    }

    // ---- the traffic ------------------------------------------------------------------------------------------------

    private void traffic(double rate) {
        long start = System.nanoTime();
        long end = start + (long) (config.minutes() * 60e9);
        System.out.printf(Locale.ROOT, "soak: %.1f operations/s for %.1f min (mix %s), %s%n", rate, config.minutes(), config.mix(),
                config.killEveryMinutes() > 0 ? String.format(Locale.ROOT, "a node killed (kill -9) every %.1f min and started again",
                        config.killEveryMinutes()) : "no node killed");
        Thread killer = config.killEveryMinutes() > 0
                ? Thread.ofPlatform().name("killer").start(() -> killer(start, end)) : null;
        Thread reporter = Thread.ofPlatform().daemon().name("reporter").start(() -> report(start, end));
        Semaphore inFlight = new Semaphore(config.maxInFlight());
        int total = config.mix().values().stream().mapToInt(Integer::intValue).sum();
        double interval = 1e9 / rate;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long due = start + (long) (i * interval);
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                inFlight.acquire();
                long lag = System.nanoTime() - due;
                maxLagNanos.accumulateAndGet(lag, Math::max);
                if (lag > TimeUnit.SECONDS.toNanos(1)) {
                    lateStarts.increment();
                }
                int pick = ThreadLocalRandom.current().nextInt(total);
                String kind = null;
                for (Map.Entry<String, Integer> e : config.mix().entrySet()) {
                    pick -= e.getValue();
                    if (pick < 0) {
                        kind = e.getKey();
                        break;
                    }
                }
                String chosen = kind;
                workers.submit(() -> {
                    try {
                        operation(chosen);
                    } catch (RuntimeException e) {
                        fail("an operation failed in the client: " + e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.out.printf(Locale.ROOT, "soak: traffic over after %.0f s; every request answered or given up%n", (System.nanoTime() - start) / 1e9);
        if (killer != null) {
            join(killer);
        }
        reporter.interrupt();
    }

    private void operation(String kind) {
        switch (kind) {
            case "refunds" -> {
                String payment = refundable();
                if (payment == null) {
                    pay();
                } else {
                    refund(payment);
                }
            }
            case "transfers" -> transfer();
            case "reads" -> {
                Paid p = anyPayment();
                if (p == null) {
                    pay();
                } else {
                    read(p);
                }
            }
            default -> pay();
        }
    }

    private void pay() {
        long n = sequence.incrementAndGet();
        String body = "{\"amount\":" + PAYMENT_AMOUNT + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                + Simulator.approvedCard("411111", n) + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}},\"description\":\"soak "
                + run + " " + n + "\"}";
        Answer a = call("payment", "POST", "/v1/payments", merchant, "soak-pay-" + run + "-" + n, body);
        if (a != null && a.status() / 100 == 2) {
            String status = field(a.body(), "status");
            String id = id(a.body());
            if (id == null) {
                fail("a payment acknowledged without an id: " + a);
                return;
            }
            synchronized (payments) {
                payments.add(new Paid(id, status));
            }
            if ("succeeded".equals(status)) {
                refundsOf.put(id, new AtomicInteger());
            }
        }
    }

    /** A succeeded payment that may take another partial refund, its turn taken; null when there is none. */
    private String refundable() {
        for (int attempt = 0; attempt < 8; attempt++) {
            Paid p = anyPayment();
            if (p == null) {
                return null;
            }
            AtomicInteger taken = refundsOf.get(p.id());
            if (taken != null && taken.getAndIncrement() < REFUNDS_PER_PAYMENT) {
                return p.id();
            }
        }
        return null;
    }

    private Paid anyPayment() {
        synchronized (payments) {
            return payments.isEmpty() ? null : payments.get(ThreadLocalRandom.current().nextInt(payments.size()));
        }
    }

    private void refund(String payment) {
        long n = sequence.incrementAndGet();
        Answer a = call("refund", "POST", "/v1/refunds", merchant, "soak-re-" + run + "-" + n,
                "{\"payment\":\"" + payment + "\",\"amount\":" + REFUND_AMOUNT + "}");
        if (a != null && a.status() / 100 == 2) {
            refunds.add(new Refunded(id(a.body()), payment, field(a.body(), "status")));
        }
    }

    private void transfer() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long amount = 1 + random.nextInt(1000);
        long n = sequence.incrementAndGet();
        String id = "soak_t_" + run + "_" + n;
        Answer a = call("transfer", "POST", "/v1/admin/ledger/transfers", admin, "soak-t-" + run + "-" + n, "{\"id\":\"" + id
                + "\",\"debit_account_id\":\"" + account(from) + "\",\"credit_account_id\":\"" + account(to) + "\",\"amount\":" + amount
                + ",\"currency\":\"CNY\"}");
        if (a != null && a.status() / 100 == 2) {
            balances.addAndGet(from, -amount);
            balances.addAndGet(to, amount);
            transfers.add(new String[] {id, Long.toString(amount)});
        }
    }

    private void read(Paid p) {
        Answer a = call("read", "GET", "/v1/payments/" + p.id(), merchant, null, null);
        if (a != null && a.status() != 200) {
            fail("an acknowledged payment read during the soak answered " + a);
        }
    }

    /** Kills node 1, 2, ... in turn every --kill-every, each started again before the next kill. */
    private void killer(long start, long end) {
        long every = (long) (config.killEveryMinutes() * 60e9);
        int node = 0;
        for (long at = start + every; at < end; at += every) {
            long wait = at - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            int victim = node % config.nodes() + 1;
            node++;
            double when = (System.nanoTime() - start) / 1e9;
            if (!cluster.kill(victim)) {
                fail("node-" + victim + " was not running when its turn to be killed came");
                continue;
            }
            System.out.printf(Locale.ROOT, "soak: %6.0f s  node-%d killed (kill -9); starting it again ...%n", when, victim);
            long restarting = System.nanoTime();
            // a node that does not start (PostgreSQL shared with other work may have no connection slot left for a
            // moment) is started again, three times at most
            boolean up = false;
            int starts = 0;
            while (!up && starts < 3) {
                if (starts++ > 0) {
                    System.out.printf(Locale.ROOT, "soak: %6.0f s  node-%d did not start (see %s/start-node-%d.log); starting it again%n",
                            (System.nanoTime() - start) / 1e9, victim, cluster.state(), victim);
                    sleepNanos(TimeUnit.SECONDS.toNanos(10));
                }
                up = cluster.startNode(victim);
            }
            double took = (System.nanoTime() - restarting) / 1e9;
            kills.add(new Kill(victim, when, took, up, starts));
            if (up) {
                System.out.printf(Locale.ROOT, "soak: %6.0f s  node-%d ready again after %.0f s%n", (System.nanoTime() - start) / 1e9, victim, took);
            } else {
                fail("node-" + victim + " did not start again (see " + cluster.state() + "/start-node-" + victim + ".log)");
            }
        }
    }

    private void report(long start, long end) {
        long last = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                return;
            }
            long now = sent.sum();
            System.out.printf(Locale.ROOT, "soak: %6.0f s  %d requests sent (%.1f/s in the last 30 s), %d acknowledged, retries %d,"
                            + " 5xx seen %d, failures %d%n", (System.nanoTime() - start) / 1e9, now, (now - last) / 30.0, sum(acknowledged),
                    retriedRequests.sum(), serverErrors.sum(), failures.size());
            last = now;
            if (System.nanoTime() > end + TimeUnit.MINUTES.toNanos(5)) {
                return;
            }
        }
    }

    // ---- verification -----------------------------------------------------------------------------------------------

    private final Map<String, String> summary = new LinkedHashMap<>();

    private void verify() {
        for (int i = 1; i <= config.nodes(); i++) {
            if (cluster.nodePid(i) < 0) {
                fail("node-" + i + " is not running at the end");
            }
        }
        List<Paid> paid;
        synchronized (payments) {
            paid = new ArrayList<>(payments);
        }
        System.out.printf(Locale.ROOT, "soak: verifying %d payments, %d refunds and %d transfers acknowledged ...%n", paid.size(), refunds.size(),
                transfers.size());
        // refunds first: one answered pending is settled by the channel's answer or the resolver
        Map<String, Long> refundedOf = new ConcurrentHashMap<>();
        Map<String, LongAdder> refundFinal = new ConcurrentHashMap<>();
        parallel(new ArrayList<>(refunds), r -> {
            Answer a = awaitSettled("/v1/refunds/" + r.id(), "pending");
            if (a == null || a.status() != 200) {
                return "acknowledged refund " + r.id() + " reads " + a;
            }
            String status = field(a.body(), "status");
            if (!legitimate("refund", r.status(), status)) {
                return "refund " + r.id() + " acknowledged " + r.status() + ", now " + status;
            }
            refundFinal.computeIfAbsent(status, s -> new LongAdder()).increment();
            if ("succeeded".equals(status)) {
                refundedOf.merge(r.payment(), REFUND_AMOUNT, Long::sum);
            }
            if (!r.payment().equals(field(a.body(), "payment"))) {
                return "refund " + r.id() + " belongs to " + field(a.body(), "payment") + ", acknowledged for " + r.payment();
            }
            return null;
        });
        Map<String, LongAdder> paymentFinal = new ConcurrentHashMap<>();
        AtomicLong expectedBalance = new AtomicLong();
        parallel(paid, p -> {
            Answer a = awaitSettled("/v1/payments/" + p.id(), "processing");
            if (a == null || a.status() != 200) {
                return "acknowledged payment " + p.id() + " reads " + a;
            }
            String status = field(a.body(), "status");
            if (!legitimate("payment", p.status(), status)) {
                return "payment " + p.id() + " acknowledged " + p.status() + ", now " + status;
            }
            paymentFinal.computeIfAbsent(status, s -> new LongAdder()).increment();
            long refunded = number(a.body(), "amount_refunded");
            long expected = refundedOf.getOrDefault(p.id(), 0L);
            if (refunded != expected) {
                return "payment " + p.id() + ": amount_refunded " + refunded + ", the acknowledged refunds make " + expected;
            }
            if ("succeeded".equals(status)) {
                expectedBalance.addAndGet(PAYMENT_AMOUNT - refunded);
            }
            return null;
        });
        List<String[]> moved = new ArrayList<>(transfers);
        parallel(moved, t -> {
            Answer a = call("verify", "GET", "/v1/admin/ledger/transfers/" + t[0], admin, null, null);
            if (a == null || a.status() != 200 || number(a.body(), "amount") != Long.parseLong(t[1])) {
                return "acknowledged transfer " + t[0] + " reads " + a;
            }
            return null;
        });
        summary.put("payments", paid.size() + " acknowledged, each read back: " + counts(paymentFinal));
        summary.put("refunds", refunds.size() + " acknowledged (partial, " + REFUND_AMOUNT + " each), each read back: " + counts(refundFinal)
                + "; every payment's amount_refunded is what its acknowledged refunds make");
        summary.put("transfers", moved.size() + " acknowledged, each read back");

        int exact = 0;
        for (int a = 0; a < ACCOUNTS; a++) {
            Answer account = call("verify", "GET", "/v1/admin/ledger/accounts/" + account(a), admin, null, null);
            long posted = account == null ? Long.MIN_VALUE : number(account.body(), "posted");
            if (account == null || account.status() != 200 || posted != balances.get(a)) {
                fail("ledger account " + account(a) + ": balance " + posted + ", the acknowledged transfers make " + balances.get(a));
            } else {
                exact++;
            }
        }
        summary.put("ledger accounts", exact + " of " + ACCOUNTS + " balances exactly what the acknowledged transfers make");
        Answer balance = call("verify", "GET", "/v1/balance", merchant, null, null);
        long held = balance == null ? Long.MIN_VALUE : sumCny(balance.body(), "available") + sumCny(balance.body(), "pending");
        if (held != expectedBalance.get()) {
            fail("merchant balance " + held + " (available + pending), the acknowledged payments and refunds make " + expectedBalance.get());
        }
        summary.put("merchant balance", held + " (available + pending; expected " + expectedBalance.get() + ": succeeded payments less"
                + " succeeded refunds, no fees)");
        Answer check = call("verify", "GET", "/v1/admin/ledger/check", admin, null, null);
        boolean balanced = check != null && check.status() == 200 && check.body().contains("\"balanced\":true");
        if (!balanced) {
            fail("ledger check: " + check);
        }
        summary.put("ledger check", balanced ? "balanced (" + number(check.body(), "entries") + " entries)" : "NOT balanced");
        Answer audit = call("verify", "GET", "/v1/admin/audit/verify", admin, null, null);
        boolean valid = audit != null && audit.status() == 200 && audit.body().contains("\"valid\":true");
        if (!valid) {
            fail("audit verification: " + audit);
        }
        summary.put("audit verification", valid ? "valid (" + number(audit.body(), "entries") + " entries)" : "NOT valid");
    }

    /** What an object acknowledged in one state may legitimately be in at the end. */
    private static boolean legitimate(String kind, String acknowledged, String now) {
        if (kind.equals("refund")) {
            return acknowledged.equals(now) || ("pending".equals(acknowledged) && ("succeeded".equals(now) || "failed".equals(now)));
        }
        return acknowledged.equals(now) || ("processing".equals(acknowledged) && ("succeeded".equals(now) || "failed".equals(now)));
    }

    /** Reads {@code path} until its status is no longer {@code transient} (at most a minute). */
    private Answer awaitSettled(String path, String transientStatus) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Answer a = call("verify", "GET", path, merchant, null, null);
            if (a == null || a.status() != 200 || !transientStatus.equals(field(a.body(), "status")) || System.nanoTime() > deadline) {
                return a;
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private <T> void parallel(List<T> items, java.util.function.Function<T, String> check) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (T item : items) {
                results.add(pool.submit(() -> check.apply(item)));
            }
            for (Future<String> f : results) {
                String problem = f.get();
                if (problem != null) {
                    fail(problem);
                }
            }
        } catch (Exception e) {
            fail("verification failed: " + e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void printSummary(double rate) {
        Map<String, String> table = new LinkedHashMap<>();
        double seconds = config.minutes() * 60;
        table.put("traffic", String.format(Locale.ROOT, "%.1f min at %.1f operations/s through %s: %d requests (%.1f/s), mix %s", config.minutes(),
                rate, cluster.url(), sent.sum(), sent.sum() / seconds, config.mix()));
        table.put("schedule", String.format(Locale.ROOT, "%d requests started more than 1 s late (at most %d in flight), largest lag %.1f s",
                lateStarts.sum(), config.maxInFlight(), maxLagNanos.get() / 1e9));
        StringBuilder k = new StringBuilder();
        synchronized (kills) {
            for (Kill kill : kills) {
                k.append(k.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "node-%d at %.0f s (%s)", kill.node(), kill.atSeconds(),
                        kill.restarted() ? String.format(Locale.ROOT, "ready again %.0f s later%s", kill.restartSeconds(),
                                kill.starts() > 1 ? ", at start " + kill.starts() : "") : "NOT started again"));
            }
        }
        table.put("nodes killed", kills.size() + (kills.isEmpty() ? "" : ": " + k));
        table.put("acknowledged (2xx)", sum(acknowledged) + " " + new TreeMap<>(flatten(acknowledged)));
        table.put("refused (4xx)", sum(refused) + (refused.isEmpty() ? "" : " " + new TreeMap<>(flatten(refused))));
        table.put("5xx the client finally saw", Long.toString(serverErrors.sum()));
        table.put("given up (no answer in " + OPERATION_DEADLINE.toSeconds() + " s)", Long.toString(gaveUp.sum()));
        table.put("sent again (same key and body)", String.format(Locale.ROOT, "%d requests, %d times: after a connection error %d, after"
                        + " nginx's 502/503/504 %d, after 409 idempotency_key_in_use %d (not counted as 5xx)", retriedRequests.sum(),
                retriedConnection.sum() + retriedGateway.sum() + retriedKeyInUse.sum(), retriedConnection.sum(), retriedGateway.sum(),
                retriedKeyInUse.sum()));
        table.putAll(summary);
        System.out.println();
        System.out.println("soak summary");
        table.forEach((name, value) -> System.out.printf(Locale.ROOT, "  %-44s %s%n", name, value));
        if (!failureKinds.isEmpty()) {
            System.out.println();
            System.out.println("failures by kind:");
            failureKinds.forEach((kind, n) -> System.out.printf(Locale.ROOT, "  %8d  %s%n", n.sum(), kind));
        }
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "soak FAILED (%d failures; the first ones):%n", failures.size());
            synchronized (failures) {
                failures.stream().limit(20).forEach(f -> System.out.println("  - " + f));
            }
        } else {
            System.out.println();
            System.out.println("soak passed: nothing acknowledged was lost, no 5xx reached the client, balances exact, ledger balanced,"
                    + " audit chain valid");
        }
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------------

    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /**
     * Sends a request until it gets an answer about the request itself: a connection error, a 502, 503 or 504 (nginx:
     * the node died with the request, or none answered), or a 409 idempotency_key_in_use (the key is held by the lease
     * of a node that died with it) is sent again, same key and body, until {@link #OPERATION_DEADLINE}. Counts the
     * final answer: 2xx acknowledged, 4xx refused, 5xx a failure; null when it gave up.
     */
    private Answer call(String what, String method, String path, String authorization, String key, String body) {
        long deadline = System.nanoTime() + OPERATION_DEADLINE.toNanos();
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        String[] headers = key == null ? new String[] {authorization} : new String[] {authorization, "Idempotency-Key: " + key};
        if (!what.equals("verify")) {
            sent.increment();
        }
        Answer last = null;
        boolean retried = false;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0 && !retried) {
                retried = true;
                retriedRequests.increment();
            }
            RawHttp connection = connections.poll();
            if (connection == null) {
                connection = new RawHttp(lb.getHost(), lb.getPort());
            }
            try {
                RawHttp.Response r = method.equals("GET") ? connection.get(path, headers) : connection.post(path, bytes, headers);
                connections.add(connection);
                last = new Answer(r.status(), r.body());
                if (r.status() == 502 || r.status() == 503 || r.status() == 504) {
                    retriedGateway.increment();
                } else if (r.status() == 409 && "idempotency_key_in_use".equals(field(r.body(), "code"))) {
                    retriedKeyInUse.increment();
                } else {
                    break;
                }
            } catch (IOException e) {
                // RawHttp closed the connection; a new one is made for the next attempt
                connection.close();
                retriedConnection.increment();
                last = null;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(1000, 100L * (attempt + 1))));
        }
        if (last == null || (last.status() >= 502 && last.status() <= 504) || last.status() == 409 && "idempotency_key_in_use".equals(field(last.body(), "code"))) {
            gaveUp.increment();
            if (last != null && last.status() >= 500) {
                serverErrors.increment();
            }
            fail(what + " " + method + " " + path + " got no answer in " + OPERATION_DEADLINE.toSeconds() + " s: " + last);
            return last;
        }
        if (what.equals("verify")) {
            // the verification's reads judge their answers themselves
            return last;
        }
        if (last.status() / 100 == 2) {
            acknowledged.computeIfAbsent(what, w -> new LongAdder()).increment();
        } else if (last.status() >= 500) {
            serverErrors.increment();
            fail(what + " " + method + " " + path + " answered " + last);
        } else {
            refused.computeIfAbsent(what + " " + last.status() + " " + PaymentsPlatform.errorCode(last.body()), w -> new LongAdder()).increment();
            fail(what + " " + method + " " + path + " refused: " + last);
        }
        return last;
    }

    private void fail(String problem) {
        failures.add(problem);
        String kind = problem.replaceAll("(pay|re|acct|soak)_[A-Za-z0-9_]+", "…").replaceAll("[0-9]+", "N");
        failureKinds.computeIfAbsent(kind.length() > 120 ? kind.substring(0, 120) : kind, x -> new LongAdder()).increment();
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");

    private static String id(String body) {
        Matcher m = ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static long number(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?[0-9]+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MIN_VALUE;
    }

    /** The sum of the CNY amounts in the balance's list {@code name} ({"available":[{"currency":"CNY","amount":N}],...}). */
    private static long sumCny(String body, String name) {
        Matcher list = Pattern.compile("\"" + name + "\":\\[([^\\]]*)\\]").matcher(body);
        if (!list.find()) {
            return Long.MIN_VALUE / 4;
        }
        long sum = 0;
        for (String entry : list.group(1).split("\\}")) {
            Matcher amount = Pattern.compile("\"amount\":(-?[0-9]+)").matcher(entry);
            if (entry.contains("\"currency\":\"CNY\"") && amount.find()) {
                sum += Long.parseLong(amount.group(1));
            }
        }
        return sum;
    }

    private static String counts(Map<String, LongAdder> byStatus) {
        return new TreeMap<>(flatten(byStatus)).toString();
    }

    private static Map<String, Long> flatten(Map<String, LongAdder> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
