import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cross-node proofs of ops/cluster-check.sh, against a cluster that ops/cluster.sh started (its state directory):
 *
 * <ol>
 *   <li>the same Idempotency-Key sent to two different nodes at the same instant makes one payment;</li>
 *   <li>1,000 partial refunds and ledger transfers at once, through the load balancer, keep every balance exact;</li>
 *   <li>the node that runs the background jobs is killed ({@code kill -9}) in the middle of them: no acknowledged
 *       request is lost (every 2xx answer's object is there afterwards, with its state), requests that got a connection
 *       error or a 502 are sent again with the same key and end exactly once, and the jobs move to the nodes left;</li>
 *   <li>the ledger check and the audit verification pass.</li>
 * </ol>
 *
 * Run by the JDK's source launcher: {@code java ops/ClusterCheck.java <state dir>}; no dependencies. Exits 0 when every
 * check passed, 1 with the failures listed otherwise; prints a summary table either way.
 */
public final class ClusterCheck {

    static final int PAYMENTS = 100;
    static final long PAYMENT_AMOUNT = 10_000;
    static final int REFUNDS_PER_PAYMENT = 5;
    static final long REFUND_AMOUNT = 500;
    static final int ACCOUNTS = 20;
    static final long FUNDING = 1_000_000;
    static final int TRANSFERS = 500;
    static final int RACES = 10;
    static final long RACE_AMOUNT = 777;
    static final int CLIENTS = 48;
    /** When the node is killed: after this many of the 1,000 operations were answered. */
    static final int KILL_AFTER = 350;
    static final Duration OPERATION_DEADLINE = Duration.ofSeconds(90);

    static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");

    final Path state;
    final Map<String, String> env;
    final String lb;
    final List<String> nodes = new ArrayList<>();
    final String adminKey;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> summary = new LinkedHashMap<>();
    final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    String merchantKey;

    // what the load saw
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger connectionErrors = new AtomicInteger();
    final AtomicInteger badGateway = new AtomicInteger();
    final AtomicInteger inFlight409 = new AtomicInteger();
    /** Requests nginx passed on to another node (their first never reached a node: refused connection). */
    final AtomicInteger movedByNginx = new AtomicInteger();
    final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();

    ClusterCheck(Path state) throws IOException {
        this.state = state;
        this.env = readEnv(state.resolve("cluster.env"));
        this.lb = env.get("LB_URL");
        int base = Integer.parseInt(env.get("BASE_PORT"));
        for (int i = 1; i <= Integer.parseInt(env.get("NODES")); i++) {
            nodes.add("http://127.0.0.1:" + (base + i));
        }
        this.adminKey = env.get("HUITONG_ADMIN_KEY");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java ops/ClusterCheck.java <cluster state dir>");
            System.exit(2);
        }
        ClusterCheck check = new ClusterCheck(Path.of(args[0]));
        long started = System.nanoTime();
        try {
            check.run();
        } catch (Exception | AssertionError e) {
            check.failures.add("the check could not go on: " + e);
        }
        check.summary.put("check's own time", seconds(System.nanoTime() - started));
        check.printSummary();
        if (!check.failures.isEmpty()) {
            System.err.println();
            System.err.println("cluster-check FAILED:");
            check.failures.forEach(f -> System.err.println("  - " + f));
            System.exit(1);
        }
        System.out.println("cluster-check: every check passed");
    }

    void run() throws Exception {
        if (nodes.size() < 2) {
            throw new IllegalStateException("the check needs at least two nodes");
        }
        setUp();
        sameKeyOnTwoNodes();
        loadWithAKill();
    }

    // ---- set-up ------------------------------------------------------------------------------------------------

    List<String> payments = new ArrayList<>();

    void setUp() throws Exception {
        Answer merchant = send(lb, "POST", "/v1/admin/merchants", admin(), "chk-mer-" + run,
                "{\"name\":\"Cluster Check " + run + "\",\"email\":\"ops@check" + run + ".example\",\"default_currency\":\"CNY\","
                        + "\"settlement_schedule\":\"T1\",\"fee_percent_bps\":0,\"fee_fixed\":0}");
        require(merchant.status == 201, "onboarding the merchant: " + merchant);
        merchantKey = "Bearer " + field(merchant.body, "secret_key");

        require(send(lb, "POST", "/v1/admin/ledger/accounts", admin(), null,
                "{\"id\":\"chk_bank_" + run + "\",\"currency\":\"CNY\",\"type\":\"asset\"}").status == 201, "creating the bank account");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Answer>> opened = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                int a = i;
                opened.add(pool.submit(() -> {
                    Answer created = send(lb, "POST", "/v1/admin/ledger/accounts", admin(), null, "{\"id\":\"" + account(a)
                            + "\",\"currency\":\"CNY\",\"type\":\"liability\",\"flags\":[\"debits_must_not_exceed_credits\"]}");
                    if (created.status != 201) {
                        return created;
                    }
                    return sendUntilAnswered(lb, "POST", "/v1/admin/ledger/transfers", admin(), "chk-fund-" + run + "-" + a,
                            "{\"id\":\"chk_fund_" + run + "_" + a + "\",\"debit_account_id\":\"chk_bank_" + run + "\",\"credit_account_id\":\""
                                    + account(a) + "\",\"amount\":" + FUNDING + ",\"currency\":\"CNY\"}");
                }));
            }
            for (Future<Answer> f : opened) {
                Answer a = f.get();
                require(a.status / 100 == 2, "opening and funding a ledger account: " + a);
            }
            List<Future<Answer>> paid = new ArrayList<>();
            for (int i = 0; i < PAYMENTS; i++) {
                int p = i;
                paid.add(pool.submit(() -> sendUntilAnswered(lb, "POST", "/v1/payments", merchantKey, "chk-pay-" + run + "-" + p,
                        paymentBody(PAYMENT_AMOUNT, card(p), "cluster check " + run + " payment " + p))));
            }
            for (Future<Answer> f : paid) {
                Answer a = f.get();
                require(a.status == 201 && "succeeded".equals(field(a.body, "status")), "a payment of the set-up: " + a);
                payments.add(id(a.body));
            }
        } finally {
            pool.shutdownNow();
        }
        summary.put("set-up", PAYMENTS + " payments of " + PAYMENT_AMOUNT + ", " + ACCOUNTS + " ledger accounts funded with " + FUNDING);
    }

    // ---- 1. the same key on two nodes at once -----------------------------------------------------------------------

    final List<String> racePayments = new ArrayList<>();

    void sameKeyOnTwoNodes() throws Exception {
        int bothCreated = 0;
        int oneInFlight = 0;
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < RACES; r++) {
                String key = "chk-race-" + run + "-" + r;
                String body = paymentBody(RACE_AMOUNT, card(10_000 + r), "cluster check " + run + " race " + r);
                String first = nodes.get(r % nodes.size());
                String second = nodes.get((r + 1) % nodes.size());
                CountDownLatch go = new CountDownLatch(1);
                Future<Answer> a = two.submit(() -> {
                    go.await();
                    return send(first, "POST", "/v1/payments", merchantKey, key, body);
                });
                Future<Answer> b = two.submit(() -> {
                    go.await();
                    return send(second, "POST", "/v1/payments", merchantKey, key, body);
                });
                go.countDown();
                Answer x = a.get();
                Answer y = b.get();
                List<Answer> answers = new ArrayList<>(List.of(x, y));
                if (answers.stream().anyMatch(t -> t.status == 409)) {
                    require(answers.stream().filter(t -> t.status == 409).allMatch(t -> "idempotency_key_in_use".equals(field(t.body, "code"))),
                            "race " + r + ": a 409 other than idempotency_key_in_use: " + answers);
                    oneInFlight++;
                    // the one that was turned away asks again, as a client would: the replay of the first
                    String node = x.status == 409 ? first : second;
                    Answer replay = sendUntilAnswered(node, "POST", "/v1/payments", merchantKey, key, body);
                    answers.removeIf(t -> t.status == 409);
                    answers.add(replay);
                } else {
                    bothCreated++;
                }
                Set<String> ids = new HashSet<>();
                for (Answer t : answers) {
                    if (t.status != 201) {
                        failures.add("race " + r + ": an answer other than 201 and 409 in flight: " + t);
                        continue;
                    }
                    ids.add(id(t.body));
                }
                if (ids.size() != 1) {
                    failures.add("race " + r + ": the same key on " + first + " and " + second + " answered different payments " + ids);
                }
                racePayments.addAll(ids);
            }
        } finally {
            two.shutdownNow();
        }
        summary.put("same key, two nodes, same instant", RACES + " keys: " + bothCreated + " answered twice with the payment, "
                + oneInFlight + " once 409 in flight then replayed; " + (failures.isEmpty() ? "one payment each" : "see failures"));
    }

    // ---- 2 and 3. refunds and transfers, a node killed in the middle ----------------------------------------------

    record Op(String kind, String key, String path, String body, String payment, int from, int to, long amount) {
    }

    record Done(Op op, Answer answer) {
    }

    void loadWithAKill() throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int p = 0; p < PAYMENTS; p++) {
            for (int k = 0; k < REFUNDS_PER_PAYMENT; k++) {
                ops.add(new Op("refund", "chk-re-" + run + "-" + p + "-" + k, "/v1/refunds",
                        "{\"payment\":\"" + payments.get(p) + "\",\"amount\":" + REFUND_AMOUNT + "}", payments.get(p), 0, 0, REFUND_AMOUNT));
            }
        }
        Random random = new Random(42);
        for (int t = 0; t < TRANSFERS; t++) {
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(1000);
            String id = "chk_t_" + run + "_" + t;
            ops.add(new Op("transfer", "chk-t-" + run + "-" + t, "/v1/admin/ledger/transfers", "{\"id\":\"" + id + "\",\"debit_account_id\":\""
                    + account(from) + "\",\"credit_account_id\":\"" + account(to) + "\",\"amount\":" + amount + ",\"currency\":\"CNY\"}",
                    null, from, to, amount));
        }
        Collections.shuffle(ops, random);

        Map<String, Double> heldBefore = new TreeMap<>();
        int victim = jobHolder(heldBefore);
        String victimUrl = nodes.get(victim);
        summary.put("jobs before the kill", heldBefore.size() + " jobs on node-" + (victim + 1) + " (" + String.join(", ", heldBefore.keySet()) + ")");

        ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>(ops);
        ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        // kills the node in the middle of the load, then watches the jobs move while the load goes on
        Thread killer = Thread.ofPlatform().name("killer").start(() -> {
            while (answered.get() < KILL_AFTER && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
                sleep(5);
            }
            long killedAt = System.nanoTime();
            if (kill(victim)) {
                awaitJobsMoved(victim, heldBefore.keySet(), killedAt);
            }
        });
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    Op op;
                    while ((op = queue.poll()) != null) {
                        String bearer = op.kind().equals("refund") ? merchantKey : admin();
                        done.add(new Done(op, sendUntilAnswered(lb, "POST", op.path(), bearer, op.key(), op.body())));
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        killer.join();
        long loadNanos = System.nanoTime() - started;
        summary.put("load", ops.size() + " operations (" + PAYMENTS * REFUNDS_PER_PAYMENT + " partial refunds, " + TRANSFERS
                + " ledger transfers) from " + CLIENTS + " clients through " + lb + " in " + seconds(loadNanos) + " ("
                + Math.round(ops.size() / (loadNanos / 1e9)) + "/s)");
        summary.put("answered by (load balancer)", new TreeMap<>(answeredBy) + "; " + movedByNginx.get()
                + " passed on by nginx to another node (connection refused)");
        summary.put("node killed", "node-" + (victim + 1) + " (" + victimUrl + ", kill -9) after " + KILL_AFTER + " answers");
        summary.put("client retries", retried.get() + " (connection errors " + connectionErrors.get() + ", 502/503/504 " + badGateway.get()
                + ", 409 in flight " + inFlight409.get() + ")");

        // every operation answered 2xx, once
        int ok = 0;
        Map<String, List<String>> refundIds = new TreeMap<>();
        Map<String, String> refundStatus = new ConcurrentHashMap<>();
        long[] balances = new long[ACCOUNTS];
        java.util.Arrays.fill(balances, FUNDING);
        for (Done d : done) {
            if (d.answer().status / 100 != 2) {
                failures.add(d.op().kind() + " " + d.op().key() + " ended without a 2xx: " + d.answer());
                continue;
            }
            ok++;
            if (d.op().kind().equals("refund")) {
                String id = id(d.answer().body);
                refundIds.computeIfAbsent(d.op().payment(), p -> new ArrayList<>()).add(id);
                refundStatus.put(id, field(d.answer().body, "status"));
            } else {
                balances[d.op().from()] -= d.op().amount();
                balances[d.op().to()] += d.op().amount();
            }
        }
        summary.put("acknowledged", ok + " of " + ops.size() + " answered 2xx");

        verifyRefunds(refundIds, refundStatus);
        verifyTransfers(done, balances);
        verifyTotals();
    }

    /** The node holding the most jobs (from each node's huitong_jobs_held), with its jobs. */
    int jobHolder(Map<String, Double> jobs) throws Exception {
        int best = -1;
        for (int i = 0; i < nodes.size(); i++) {
            Map<String, Double> held = held(nodes.get(i));
            held.values().removeIf(v -> v < 1);
            if (best < 0 || held.size() > jobs.size()) {
                best = i;
                jobs.clear();
                jobs.putAll(held);
            }
        }
        require(!jobs.isEmpty(), "no node holds any job lease (huitong_jobs_held)");
        return best;
    }

    Map<String, Double> held(String node) throws Exception {
        Answer metrics = send(node, "GET", "/actuator/prometheus", admin(), null, null);
        require(metrics.status == 200, "metrics of " + node + ": " + metrics.status);
        Map<String, Double> held = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^huitong_jobs_held\\{[^}]*(?:name|job)=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics.body);
        while (m.find()) {
            held.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return held;
    }

    /** Kills node {@code i} with SIGKILL, by the pid ops/cluster.sh recorded, after checking the pid is that node's. */
    boolean kill(int i) {
        try {
            Path dir = state.resolve("node-" + (i + 1));
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
            ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("node-" + (i + 1) + " is not running"));
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            if (!cmdline.contains("cluster.process=" + dir + " ")) {
                throw new IllegalStateException("pid " + pid + " is not node-" + (i + 1) + ": " + cmdline);
            }
            node.destroyForcibly();
            node.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            failures.add("could not kill node-" + (i + 1) + ": " + e);
            return false;
        }
    }

    /** Every job the killed node held is held by exactly one node left, within seconds (watched while the load goes on). */
    void awaitJobsMoved(int victim, Set<String> jobs, long killedAt) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Map<String, Integer> holders = new TreeMap<>();
        Map<String, Long> movedAfter = new TreeMap<>();
        while (true) {
            holders.clear();
            try {
                for (int i = 0; i < nodes.size(); i++) {
                    if (i == victim) {
                        continue;
                    }
                    for (Map.Entry<String, Double> e : held(nodes.get(i)).entrySet()) {
                        if (e.getValue() >= 1) {
                            holders.merge(e.getKey(), 1, Integer::sum);
                        }
                    }
                }
            } catch (Exception | AssertionError e) {
                // a node busy with the load: look again
            }
            long now = System.nanoTime();
            holders.forEach((job, n) -> {
                if (n == 1) {
                    movedAfter.putIfAbsent(job, now - killedAt);
                }
            });
            boolean moved = jobs.stream().allMatch(j -> holders.getOrDefault(j, 0) == 1);
            if (moved || System.nanoTime() > deadline) {
                break;
            }
            sleep(200);
        }
        List<String> missing = jobs.stream().filter(j -> holders.getOrDefault(j, 0) != 1).toList();
        if (!missing.isEmpty()) {
            failures.add("jobs not held by exactly one live node 40 s after the kill: " + missing + " (holders " + holders + ")");
        }
        StringBuilder when = new StringBuilder();
        movedAfter.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> when.append(when.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(seconds(e.getValue())));
        summary.put("jobs after the kill", holders.size() + " jobs held by the nodes left, each after the kill: " + when + " (lease "
                + env.getOrDefault("HUITONG_JOBS_LEASE", "10s") + ", then the job's own timer)");
    }

    void verifyRefunds(Map<String, List<String>> acknowledged, Map<String, String> statusAtAnswer) throws Exception {
        // refunds whose outcome the channel had not given yet are settled by the payment resolver (on a node left)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        int exact = 0;
        int pendingWaited = 0;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (String payment : payments) {
                checks.add(pool.submit(() -> {
                    while (true) {
                        Answer list = send(lb, "GET", "/v1/refunds?payment=" + payment + "&limit=100", merchantKey, null, null);
                        Answer pay = send(lb, "GET", "/v1/payments/" + payment, merchantKey, null, null);
                        if (list.status != 200 || pay.status != 200) {
                            return payment + ": could not read its refunds (" + list.status + ") or itself (" + pay.status + ")";
                        }
                        List<String> ids = all(list.body, "\"id\":\"(re_[^\"]+)\"");
                        List<String> statuses = all(list.body, "\"object\":\"refund\"[^}]*?\"status\":\"([a-z_]+)\"");
                        if (statuses.contains("pending") && System.nanoTime() < deadline) {
                            Thread.sleep(500);
                            continue;
                        }
                        List<String> mine = acknowledged.getOrDefault(payment, List.of());
                        if (ids.size() != REFUNDS_PER_PAYMENT || !new HashSet<>(ids).equals(new HashSet<>(mine))) {
                            return payment + ": refunds " + ids + " but acknowledged " + mine + " (exactly once: " + REFUNDS_PER_PAYMENT + ")";
                        }
                        long refunded = number(pay.body, "amount_refunded");
                        long succeeded = statuses.stream().filter("succeeded"::equals).count() * REFUND_AMOUNT;
                        if (!statuses.stream().allMatch("succeeded"::equals)) {
                            return payment + ": refunds not all succeeded: " + statuses;
                        }
                        if (refunded != REFUNDS_PER_PAYMENT * REFUND_AMOUNT || refunded != succeeded) {
                            return payment + ": amount_refunded " + refunded + ", expected " + REFUNDS_PER_PAYMENT * REFUND_AMOUNT;
                        }
                        return null;
                    }
                }));
            }
            for (Future<String> f : checks) {
                String problem = f.get();
                if (problem == null) {
                    exact++;
                } else {
                    failures.add("refunds of payment " + problem);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        pendingWaited = (int) statusAtAnswer.values().stream().filter("pending"::equals).count();
        summary.put("refunds", exact + " of " + PAYMENTS + " payments with exactly their " + REFUNDS_PER_PAYMENT + " acknowledged refunds, "
                + "all succeeded, amount_refunded exact (" + pendingWaited + " answered pending, settled since)");
    }

    void verifyTransfers(ConcurrentLinkedQueue<Done> done, long[] expected) throws Exception {
        int exact = 0;
        int found = 0;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (Done d : done) {
                if (!d.op().kind().equals("transfer") || d.answer().status / 100 != 2) {
                    continue;
                }
                String id = id(d.answer().body);
                reads.add(pool.submit(() -> {
                    Answer t = send(lb, "GET", "/v1/admin/ledger/transfers/" + id, admin(), null, null);
                    if (t.status != 200 || number(t.body, "amount") != d.op().amount()) {
                        return "acknowledged transfer " + id + " reads " + t;
                    }
                    return null;
                }));
            }
            for (Future<String> f : reads) {
                String problem = f.get();
                if (problem == null) {
                    found++;
                } else {
                    failures.add(problem);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (int a = 0; a < ACCOUNTS; a++) {
            Answer account = send(lb, "GET", "/v1/admin/ledger/accounts/" + account(a), admin(), null, null);
            long posted = number(account.body, "posted");
            if (account.status != 200 || posted != expected[a]) {
                failures.add("ledger account " + account(a) + ": balance " + posted + ", expected " + expected[a] + " (" + account + ")");
            } else {
                exact++;
            }
        }
        summary.put("ledger transfers", found + " acknowledged transfers read back; " + exact + " of " + ACCOUNTS
                + " account balances exact");
    }

    void verifyTotals() throws Exception {
        // every payment made once: the set-up's and one per raced key
        int count = 0;
        String after = null;
        while (true) {
            Answer page = send(lb, "GET", "/v1/payments?limit=100" + (after == null ? "" : "&starting_after=" + after), merchantKey, null, null);
            require(page.status == 200, "listing payments: " + page);
            List<String> ids = all(page.body, "\"id\":\"(pay_[^\"]+)\",\"object\":\"payment\"");
            count += ids.size();
            if (!page.body.contains("\"has_more\":true") || ids.isEmpty()) {
                break;
            }
            after = ids.getLast();
        }
        if (count != PAYMENTS + RACES) {
            failures.add("the merchant has " + count + " payments, expected " + (PAYMENTS + RACES) + " (set-up and one per raced key)");
        }
        long expected = PAYMENTS * PAYMENT_AMOUNT + RACES * RACE_AMOUNT - (long) PAYMENTS * REFUNDS_PER_PAYMENT * REFUND_AMOUNT;
        Answer balance = send(lb, "GET", "/v1/balance", merchantKey, null, null);
        long available = sumCny(balance.body, "available");
        long pending = sumCny(balance.body, "pending");
        if (balance.status != 200 || available + pending != expected) {
            failures.add("merchant balance: available " + available + " + pending " + pending + ", expected " + expected + " (" + balance + ")");
        }
        summary.put("merchant", count + " payments; balance " + (available + pending) + " CNY minor units (expected " + expected + ")");

        Answer check = send(lb, "GET", "/v1/admin/ledger/check", admin(), null, null);
        boolean balanced = check.status == 200 && check.body.contains("\"balanced\":true");
        if (!balanced) {
            failures.add("ledger check: " + check);
        }
        Answer audit = send(lb, "GET", "/v1/admin/audit/verify", admin(), null, null);
        boolean valid = audit.status == 200 && audit.body.contains("\"valid\":true");
        if (!valid) {
            failures.add("audit verification: " + audit);
        }
        summary.put("ledger check", balanced ? "balanced (" + number(check.body, "entries") + " entries)" : "NOT balanced");
        summary.put("audit verification", valid ? "valid (" + number(audit.body, "entries") + " entries)" : "NOT valid");
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    record Answer(int status, String body, String node) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    Answer send(String base, String method, String path, String bearer, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Authorization", bearer);
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        if (body != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("X-Huitong-Node").orElse(base));
    }

    /**
     * Sends until the platform gives an answer that is not about its own availability: a connection error, a 502, 503 or
     * 504 from the load balancer, or 409 idempotency_key_in_use (a dead node's key whose lease has not run out yet) is
     * sent again, with the same key and body, until {@link #OPERATION_DEADLINE}.
     */
    Answer sendUntilAnswered(String base, String method, String path, String bearer, String key, String body) throws InterruptedException {
        long deadline = System.nanoTime() + OPERATION_DEADLINE.toNanos();
        int attempt = 0;
        while (true) {
            if (attempt++ > 0) {
                retried.incrementAndGet();
            }
            String why;
            try {
                Answer a = send(base, method, path, bearer, key, body);
                if (a.status == 502 || a.status == 503 || a.status == 504) {
                    badGateway.incrementAndGet();
                    why = a.toString();
                } else if (a.status == 409 && "idempotency_key_in_use".equals(field(a.body, "code"))) {
                    inFlight409.incrementAndGet();
                    why = a.toString();
                } else {
                    if (base.equals(lb)) {
                        String[] tried = a.node.split(",\\s*");
                        answeredBy.computeIfAbsent("node " + tried[tried.length - 1], n -> new AtomicInteger()).incrementAndGet();
                        if (tried.length > 1) {
                            movedByNginx.incrementAndGet();
                        }
                    }
                    return a;
                }
            } catch (IOException e) {
                connectionErrors.incrementAndGet();
                why = e.toString();
            }
            if (System.nanoTime() > deadline) {
                return new Answer(0, "gave up after " + attempt + " attempts in " + OPERATION_DEADLINE.toSeconds() + " s; last: " + why, base);
            }
            Thread.sleep(Math.min(1000, 100L * attempt));
        }
    }

    // ---- small things -------------------------------------------------------------------------------------------

    String admin() {
        return "Bearer " + adminKey;
    }

    String account(int a) {
        return "chk_w_" + run + "_" + a;
    }

    static String paymentBody(long amount, String card, String description) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"description\":\"" + description + "\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"" + card + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}";
    }

    /** A Luhn-valid Visa number of its own for payment n (outside the simulator's test cards: approved). */
    static String card(long n) {
        String body = "411111" + String.format("%09d", n);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static long number(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?[0-9]+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MIN_VALUE;
    }

    static List<String> all(String body, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(body);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The CNY amounts of {@code "<name>":[{"currency":"CNY","amount":N},...]}. */
    static long sumCny(String body, String name) {
        Matcher list = Pattern.compile("\"" + name + "\":\\[([^\\]]*)\\]").matcher(body);
        long sum = 0;
        if (list.find()) {
            Matcher m = Pattern.compile("\"currency\":\"CNY\",\"amount\":(-?[0-9]+)").matcher(list.group(1));
            while (m.find()) {
                sum += Long.parseLong(m.group(1));
            }
        }
        return sum;
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
            }
        }
        env.putAll(System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("HUITONG_JOBS_"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        return env;
    }

    /** Undoes bash's printf %q for the values cluster.sh writes (keys, URLs: backslash escapes at most). */
    static String unquote(String v) {
        if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
            return v.substring(1, v.length() - 1);
        }
        return v.replaceAll("\\\\(.)", "$1");
    }

    void printSummary() {
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(10);
        System.out.println();
        System.out.println("| " + pad("cluster check", width) + " | result |");
        System.out.println("|" + "-".repeat(width + 2) + "|--------|");
        summary.forEach((k, v) -> System.out.println("| " + pad(k, width) + " | " + v + " |"));
        System.out.println("| " + pad("failures", width) + " | " + failures.size() + " |");
    }

    static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
