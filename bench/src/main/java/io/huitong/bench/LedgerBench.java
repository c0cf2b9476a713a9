package io.huitong.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.huitong.config.Migrations;
import io.huitong.kernel.Money;
import io.huitong.ledger.AccountFlag;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.LedgerCheck;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.ledger.jdbc.JdbcLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The ledger benchmark: transfers posted per second through the ledger's Java API on PostgreSQL,
 * against PostgreSQL's own {@code pgbench -b tpcb-like} on the same server. See bench/README.md.
 *
 * <p>Shape: one asset account ({@code bench_source}, no flags) funds N wallet accounts (liabilities
 * that may not go negative) and one hot account (a liability that, by default, may not go negative
 * either; {@code --hot-account=unlimited} drops that limit). The
 * scenarios post transfers between two random distinct wallets, or between the hot account and a
 * random wallet (half the transfers debit it, half credit it), one transfer per call — one
 * database transaction — or a batch of them per call.
 */
public final class LedgerBench {

    static final String CURRENCY = "CNY";
    static final String SOURCE = "bench_source";
    static final String HOT = "bench_hot";
    static final long WALLET_FUNDING = 1_000_000_000L;
    static final long HOT_FUNDING = 1_000_000_000_000L;
    static final int SETUP_BATCH = 1_000;


    /** The ledger under test: the one line to change to benchmark another implementation. */
    static Ledger newLedger(DataSource dataSource, Clock clock) {
        return new JdbcLedger(dataSource, clock);
    }

    enum Shape { RANDOM, HOT }

    record Scenario(String key, String name, Shape shape, int batch) {
    }

    record Outcome(Scenario scenario, double seconds, long ok, long calls, long[] latencies, long errors,
                   Map<String, Long> errorKinds, Profile.Snapshot profile) {

        double rate() {
            return ok / seconds;
        }

        double percentileMs(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.clamp(index, 0, latencies.length - 1)] / 1e6;
        }
    }

    public static void main(String[] args) {
        BenchConfig config;
        try {
            config = BenchConfig.from(args);
        } catch (BenchConfig.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchConfig.usage());
            System.exit(e.getMessage() == null ? 0 : 64);
            return;
        }
        int status;
        try {
            status = new LedgerBench(config).run();
        } catch (RuntimeException e) {
            System.out.flush();
            System.err.println("ledger benchmark failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    private final BenchConfig config;
    private final Scratch scratch;
    private final Profile profile;
    private final List<String> wallets = new ArrayList<>();

    private LedgerBench(BenchConfig config) {
        this.config = config;
        this.scratch = new Scratch(config);
        this.profile = new Profile(config.adminUrl(), config.user(), config.password(), config.profile());
    }

    private int run() {
        String server = scratch.serverVersion();
        PgBench pgbench = new PgBench(config, scratch, profile);
        String pgbenchVersion = pgbench.version();
        System.out.printf(Locale.ROOT, "Huitong ledger benchmark%n");
        System.out.printf(Locale.ROOT, "  server      PostgreSQL %s at %s (synchronous_commit=%s, shared_buffers=%s)%n",
                server, config.adminUrl(), scratch.setting("synchronous_commit"), scratch.setting("shared_buffers"));
        System.out.printf(Locale.ROOT, "  client      Java %s, %d CPUs; %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), pgbenchVersion);
        System.out.printf(Locale.ROOT, "  machine     load average %s before the run (other work on this machine skews every number)%n",
                BenchSupport.loadAverage());
        System.out.printf(Locale.ROOT, "  writers     %d threads; %d s measured after %d s warm-up per scenario; batch %d%n",
                config.threads(), config.duration().toSeconds(), config.warmup().toSeconds(), config.batchSize());
        System.out.printf(Locale.ROOT, "  accounts    %,d wallets (liabilities that may not go negative) and one hot account (%s), funded by"
                        + " one asset account without limits%n", config.accounts(),
                config.hotAccountLimited() ? "limited: may not go negative" : "unlimited: no balance limit");
        System.out.printf(Locale.ROOT, "  pgbench     -i -s %d; -b tpcb-like -c %d -j %d -T %d -n%n%n", config.pgbenchScale(),
                config.threads(), Math.min(config.pgbenchJobs(), config.threads()), config.duration().toSeconds());

        System.out.printf(Locale.ROOT, "pgbench: initialising scale %d and running %d s ...%n", config.pgbenchScale(),
                config.duration().toSeconds());
        PgBench.Result reference = pgbench.run();
        System.out.printf(Locale.ROOT, "pgbench: %.1f TPS, latency average %.3f ms, %d failed%n%n",
                reference.tps(), reference.latencyAverageMs(), reference.failed());

        List<Scenario> scenarios = Stream.of(
                        new Scenario("random-single", "random accounts, 1 per call", Shape.RANDOM, 1),
                        new Scenario("random-batch", "random accounts, batch " + config.batchSize(), Shape.RANDOM, config.batchSize()),
                        new Scenario("hot-single", "hot account, 1 per call", Shape.HOT, 1),
                        new Scenario("hot-batch", "hot account, batch " + config.batchSize(), Shape.HOT, config.batchSize()))
                .filter(s -> config.scenarios().contains(s.key()))
                .toList();
        List<Outcome> outcomes = new ArrayList<>();
        LedgerCheck check;
        String database = scratch.create("huitong_bench");
        try (HikariDataSource dataSource = pool(database)) {
            Migrations.configure(Flyway.configure()).dataSource(dataSource).load().migrate();
            Ledger ledger = newLedger(profile.detailed() ? profile.timing(dataSource) : dataSource, Clock.systemUTC());
            setUp(ledger, dataSource);
            for (Scenario scenario : scenarios) {
                scratch.checkpoint();
                System.out.printf(Locale.ROOT, "ledger: %s ...%n", scenario.name());
                Outcome outcome = measure(ledger, scenario, database);
                outcomes.add(outcome);
                System.out.printf(Locale.ROOT, "ledger: %s: %.1f transfers/s, %d errors%n", scenario.name(),
                        outcome.rate(), outcome.errors());
            }
            long started = System.nanoTime();
            check = ledger.check();
            System.out.printf(Locale.ROOT, "%nledger.check(): %s — %,d accounts, %,d entries, %d mismatched accounts, sums %s (%.1f s)%n",
                    check.balanced() ? "balanced" : "NOT BALANCED", check.accounts(), check.entries(),
                    check.mismatchedAccounts().size(), check.currencies().stream()
                            .map(c -> c.currency() + " " + c.sum() + " (pending " + c.pendingSum() + ")").toList(),
                    (System.nanoTime() - started) / 1e9);
            if (!check.mismatchedAccounts().isEmpty()) {
                System.out.println("  mismatched: " + check.mismatchedAccounts().stream().limit(20).toList());
            }
        } finally {
            scratch.drop(database);
        }

        LedgerReport.print(outcomes, reference, config.threads());
        System.out.printf(Locale.ROOT, "%nload average after the run: %s%n", BenchSupport.loadAverage());
        long errors = outcomes.stream().mapToLong(Outcome::errors).sum();
        return errors == 0 && check.balanced() ? 0 : 2;
    }

    private HikariDataSource pool(String database) {
        String url = config.urlFor(database);
        url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ledger-bench");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.threads() + 1);
        hikari.setMinimumIdle(config.threads() + 1);
        hikari.setConnectionTimeout(30_000);
        return new HikariDataSource(hikari);
    }

    /** Opens the accounts and funds every wallet and the hot account from the source, in batches. */
    private void setUp(Ledger ledger, DataSource dataSource) {
        long started = System.nanoTime();
        List<NewAccount> accounts = new ArrayList<>();
        accounts.add(NewAccount.of(SOURCE, CURRENCY, AccountType.ASSET, null));
        accounts.add(config.hotAccountLimited()
                ? NewAccount.of(HOT, CURRENCY, AccountType.LIABILITY, null, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
                : NewAccount.of(HOT, CURRENCY, AccountType.LIABILITY, null));
        for (int i = 0; i < config.accounts(); i++) {
            String id = String.format(Locale.ROOT, "bench_wallet_%06d", i);
            wallets.add(id);
            accounts.add(NewAccount.of(id, CURRENCY, AccountType.LIABILITY, null, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        }
        for (int from = 0; from < accounts.size(); from += SETUP_BATCH) {
            for (AccountResult result : ledger.createAccounts(accounts.subList(from, Math.min(accounts.size(), from + SETUP_BATCH)))) {
                if (result.code() != AccountResult.Code.OK) {
                    throw new IllegalStateException("opening account " + result.id() + " answered " + result.code());
                }
            }
        }
        double opened = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        List<TransferRequest> funding = new ArrayList<>();
        funding.add(TransferRequest.posted("bench_fund_hot", SOURCE, HOT, Money.of(HOT_FUNDING, CURRENCY)));
        for (int i = 0; i < wallets.size(); i++) {
            funding.add(TransferRequest.posted("bench_fund_" + i, SOURCE, wallets.get(i), Money.of(WALLET_FUNDING, CURRENCY)));
        }
        for (int from = 0; from < funding.size(); from += SETUP_BATCH) {
            for (TransferResult result : ledger.createTransfers(funding.subList(from, Math.min(funding.size(), from + SETUP_BATCH)))) {
                if (result.code() != TransferResult.Code.OK) {
                    throw new IllegalStateException("funding transfer " + result.id() + " answered " + result.code());
                }
            }
        }
        double funded = (System.nanoTime() - started) / 1e9;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + e.getMessage(), e);
        }
        System.out.printf(Locale.ROOT, "setup: %,d accounts opened in %.1f s, %,d funding transfers posted in %.1f s%n%n",
                accounts.size(), opened, funding.size(), funded);
    }

    private Outcome measure(Ledger ledger, Scenario scenario, String database) {
        int threads = config.threads();
        long warmupNanos = config.warmup().toNanos();
        long durationNanos = config.duration().toNanos();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Profile.Snapshot snapshot;
        long[] window = new long[2];
        LongAdder ok = new LongAdder();
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        LongBuffer[] latencies = new LongBuffer[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            latencies[t] = new LongBuffer();
            Thread thread = Thread.ofPlatform().name("bench-writer-" + t).unstarted(() -> {
                SplittableRandom random = new SplittableRandom(scenario.key().hashCode() * 31L + worker);
                String idPrefix = "bench_" + scenario.key() + "_" + worker + "_";
                long seq = 0;
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long measureFrom = window[0];
                long measureUntil = window[1];
                List<TransferRequest> batch = new ArrayList<>(scenario.batch());
                while (true) {
                    batch.clear();
                    for (int i = 0; i < scenario.batch(); i++) {
                        batch.add(next(scenario.shape(), idPrefix + seq++, random));
                    }
                    long before = System.nanoTime();
                    if (before >= measureUntil) {
                        break;
                    }
                    List<TransferResult> results = null;
                    RuntimeException failure = null;
                    try {
                        results = ledger.createTransfers(List.copyOf(batch));
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    long after = System.nanoTime();
                    boolean measured = after >= measureFrom && after < measureUntil;
                    if (failure != null) {
                        errors.add(batch.size());
                        errorKinds.computeIfAbsent(describe(failure), k -> new LongAdder()).add(batch.size());
                    } else {
                        long good = 0;
                        for (TransferResult result : results) {
                            if (result.code() == TransferResult.Code.OK) {
                                good++;
                            } else {
                                errorKinds.computeIfAbsent(result.code().name(), k -> new LongAdder()).increment();
                            }
                        }
                        if (results.size() != batch.size()) {
                            errorKinds.computeIfAbsent("wrong number of results", k -> new LongAdder()).increment();
                            errors.add(Math.abs(batch.size() - results.size()));
                        }
                        errors.add(results.size() - good);
                        if (measured) {
                            ok.add(good);
                        }
                    }
                    if (measured) {
                        calls.increment();
                        latencies[worker].add(after - before);
                    }
                }
            });
            workers.add(thread);
            thread.start();
        }
        try {
            ready.await();
            long now = System.nanoTime();
            window[0] = now + warmupNanos;
            window[1] = now + warmupNanos + durationNanos;
            go.countDown();
            sleepUntil(window[0]);
            profile.start(database);
            sleepUntil(window[1]);
            snapshot = profile.stop();
            for (Thread worker : workers) {
                worker.join();
            }
            if (profile.detailed()) {
                long[] all = LongBuffer.merge(latencies);
                Profile.print(scenario.name(), snapshot, ok.sum(), calls.sum(), Arrays.stream(all).sum());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long[] all = LongBuffer.merge(latencies);
        Arrays.sort(all);
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((k, v) -> kinds.put(k, v.sum()));
        return new Outcome(scenario, durationNanos / 1e9, ok.sum(), calls.sum(), all, errors.sum(), kinds, snapshot);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private TransferRequest next(Shape shape, String id, SplittableRandom random) {
        long amount = 1 + random.nextInt(10_000);
        String debit;
        String credit;
        if (shape == Shape.RANDOM) {
            int a = random.nextInt(wallets.size());
            int b = random.nextInt(wallets.size() - 1);
            if (b >= a) {
                b++;
            }
            debit = wallets.get(a);
            credit = wallets.get(b);
        } else {
            String wallet = wallets.get(random.nextInt(wallets.size()));
            boolean debitHot = random.nextBoolean();
            debit = debitHot ? HOT : wallet;
            credit = debitHot ? wallet : HOT;
        }
        return TransferRequest.posted(id, debit, credit, Money.of(amount, CURRENCY));
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        if (message.length() > 120) {
            message = message.substring(0, 120) + "...";
        }
        return "exception " + root.getClass().getSimpleName() + ": " + message;
    }
}
