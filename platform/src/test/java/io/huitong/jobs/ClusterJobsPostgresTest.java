package io.huitong.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.PlatformProcess;
import io.huitong.testsupport.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two platform processes on one PostgreSQL database: every background job runs on the first (it holds every lease),
 * none on the second while the first lives; once the first is killed ({@code kill -9}: nothing given back), the second
 * holds every job within seconds.
 */
class ClusterJobsPostgresTest {

    /** Every job that runs once across nodes, without RabbitMQ (with it, rabbitmq-publisher too): see package-info. */
    static final Set<String> JOBS = Set.of("payment-resolver", "wallet-resolver", "settlement", "reconciliation-upkeep", "audit-chain",
            "audit-seal", "audit-verify", "aml-evaluation", "ledger-hold-expiry", "idempotency-purge");

    private static final Duration LEASE = Duration.ofSeconds(2);
    /**
     * Each job's timer fires every 2 s at most, so that the test sees every lease taken soon after start (a job takes a lease
     * when its own timer fires: an hourly job moves to another node at that node's next hour).
     */
    private static final String[] SETTINGS = {"--huitong.jobs.lease=" + LEASE.toSeconds() + "s", "--huitong.settlement.automatic=false",
            // nodes share the master key that wraps the data keys, as a cluster's nodes do (HUITONG_MASTER_KEY)
            "--huitong.master-key=" + masterKey(),
            "--huitong.settlement.interval=1s", "--huitong.reconciliation.interval=1s", "--huitong.audit.verify-every=2s", "--huitong.audit.seal-every=2s",
            "--huitong.idempotency.purge-delay=1s", "--huitong.idempotency.purge-interval=2s"};

    private static String masterKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    @Test
    void everyJobRunsOnOneNodeAndMovesWithinSecondsWhenItDies() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.postgres();
             PlatformProcess a = new PlatformProcess(db, ApiTestSupport.ADMIN_KEY, SETTINGS);
             PlatformProcess b = new PlatformProcess(db, ApiTestSupport.ADMIN_KEY, SETTINGS)) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            a.start();
            awaitHolders(jdbc, a.port(), Duration.ofSeconds(30));
            b.start();
            Thread.sleep(3 * LEASE.toMillis());
            assertThat(holders(jdbc)).as("who holds each job with both nodes up").containsOnlyKeys(JOBS)
                    .allSatisfy((job, port) -> assertThat(port).as(job).isEqualTo(a.port()));
            assertThat(held(a)).as("jobs held on the first node").containsOnlyKeys(JOBS).allSatisfy((job, v) -> assertThat(v).as(job).isEqualTo(1.0));
            assertThat(held(b)).as("jobs held on the second node").containsOnlyKeys(JOBS).allSatisfy((job, v) -> assertThat(v).as(job).isEqualTo(0.0));

            long killed = System.nanoTime();
            a.kill();
            awaitHolders(jdbc, b.port(), Duration.ofSeconds(20));
            Duration handOver = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf("Cluster jobs: %d jobs moved from a killed node to the other in %d ms (lease %d s)%n", JOBS.size(),
                    handOver.toMillis(), LEASE.toSeconds());
            // the lease, then the slowest job's timer (2 s here), and the polling of this test
            assertThat(handOver).isLessThan(LEASE.plusSeconds(5));
            assertThat(held(b)).allSatisfy((job, v) -> assertThat(v).as(job).isEqualTo(1.0));
        }
    }

    /** Each job's holder, by HTTP port (its lease in force, {@code locked_by} host:port/pid/random). */
    private static Map<String, Integer> holders(JdbcClient jdbc) {
        Map<String, Integer> holders = new TreeMap<>();
        jdbc.sql("select name, locked_by from shedlock where lock_until > timezone('utc', current_timestamp)")
                .query((rs, n) -> holders.put(rs.getString(1), port(rs.getString(2)))).list();
        return holders;
    }

    private static int port(String lockedBy) {
        String hostPort = lockedBy.substring(0, lockedBy.indexOf('/'));
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static void awaitHolders(JdbcClient jdbc, int port, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Integer> now = Map.of();
        while (System.nanoTime() < deadline) {
            now = holders(jdbc);
            if (now.keySet().containsAll(JOBS) && now.values().stream().allMatch(p -> p == port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not every job held by the node on port " + port + " within " + within + ": " + now);
    }

    /** huitong_jobs_held{name} as the node reports it. */
    private static Map<String, Double> held(PlatformProcess node) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + node.port() + "/actuator/prometheus")).header("Authorization", node.admin()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> held = new TreeMap<>();
        for (String line : List.of(r.body().split("\n"))) {
            if (line.startsWith("huitong_jobs_held{")) {
                String job = line.replaceAll(".*name=\"([^\"]+)\".*", "$1");
                held.put(job, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return held;
    }
}
