package io.huitong.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Job leases between nodes on one database, each node a {@link ShedLockLeases} with its own name and pool, as two
 * platform instances have: a job runs on one node only, never on two at once, stays where it is while its holder
 * lives, moves within the lease when its holder dies (stops renewing, gives nothing back) and at once when its holder
 * stops.
 */
abstract class JobLeasesContract {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final String JOB = "test-job";

    private TestDb db;
    private final List<Node> nodes = new ArrayList<>();
    /** Passes that were running at once, at most: must stay 1. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    /** Which node ran each pass, in order, and when (System.nanoTime()). */
    private final ConcurrentLinkedQueue<Pass> passes = new ConcurrentLinkedQueue<>();

    record Pass(String node, long at) {
    }

    abstract TestDb database();

    @BeforeEach
    void migrate() {
        db = database().migrated();
    }

    @AfterEach
    void stop() {
        nodes.forEach(Node::stop);
        db.close();
    }

    /** A node whose timer fires every 50 ms and whose pass takes {@code passMillis}. */
    private final class Node {
        final String name;
        final ShedLockLeases leases;
        final Thread timer;
        volatile boolean stopped;
        volatile long passMillis = 20;

        Node(String name) {
            this.name = name;
            this.leases = JobsConfig.leases(db.dataSource(), LEASE, name, null);
            this.timer = Thread.ofPlatform().daemon().name("timer-" + name).start(() -> {
                while (!stopped) {
                    leases.runIfHolder(JOB, this::pass);
                    sleep(50);
                }
            });
            nodes.add(this);
        }

        void pass() {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            passes.add(new Pass(name, System.nanoTime()));
            sleep(passMillis);
            running.decrementAndGet();
        }

        /** As {@code kill -9}: the timer stops, nothing is renewed or given back. */
        void die() {
            leases.abandon();
            stopped = true;
            join();
        }

        /** As a node shutting down. */
        void stop() {
            stopped = true;
            join();
            leases.close();
        }

        private void join() {
            try {
                timer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aJobRunsOnOneNodeAndMovesWithinTheLeaseWhenItsHolderDies() {
        Node a = new Node("node-a");
        await("node-a takes the job", () -> ranOn("node-a") > 0, Duration.ofSeconds(5));
        Node b = new Node("node-b");
        sleep(3 * LEASE.toMillis());
        assertThat(ranOn("node-b")).as("passes on node-b while node-a holds the lease").isZero();
        assertThat(a.leases.holds(JOB)).isTrue();
        assertThat(b.leases.holds(JOB)).isFalse();
        assertThat(lockedBy()).isEqualTo("node-a");

        long died = System.nanoTime();
        a.die();
        int before = passes.size();
        await("node-b takes the job over", () -> ranOn("node-b") > 0, Duration.ofSeconds(10));
        long tookOver = passes.stream().filter(p -> p.node().equals("node-b")).mapToLong(Pass::at).min().orElseThrow();
        Duration handOver = Duration.ofNanos(tookOver - died);
        System.out.printf("Job leases: a dead holder's job ran on the other node after %d ms (lease %d ms)%n", handOver.toMillis(),
                LEASE.toMillis());
        assertThat(handOver).as("hand-over after the holder died").isLessThan(LEASE.multipliedBy(3));
        assertThat(passes.stream().skip(before).filter(p -> p.node().equals("node-a"))).as("passes of the dead node").isEmpty();
        assertThat(lockedBy()).isEqualTo("node-b");
        assertThat(mostAtOnce.get()).as("passes running at once").isEqualTo(1);
    }

    @Test
    void aStoppingHolderGivesItsJobToTheNextNodeAtOnce() {
        Node a = new Node("node-a");
        await("node-a takes the job", () -> ranOn("node-a") > 0, Duration.ofSeconds(5));
        Node b = new Node("node-b");
        sleep(200);
        long stopped = System.nanoTime();
        a.stop();
        await("node-b takes the job over", () -> ranOn("node-b") > 0, Duration.ofSeconds(5));
        long tookOver = passes.stream().filter(p -> p.node().equals("node-b")).mapToLong(Pass::at).min().orElseThrow();
        assertThat(Duration.ofNanos(tookOver - stopped)).as("hand-over after the holder stopped").isLessThan(LEASE);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void aPassLongerThanTheLeaseKeepsIt() {
        Node a = new Node("node-a");
        a.passMillis = 4 * LEASE.toMillis();
        await("node-a takes the job", () -> ranOn("node-a") > 0, Duration.ofSeconds(5));
        Node b = new Node("node-b");
        sleep(3 * LEASE.toMillis());
        assertThat(ranOn("node-b")).as("passes on node-b while node-a's long pass runs").isZero();
        assertThat(mostAtOnce.get()).isEqualTo(1);
        a.passMillis = 20;
        b.passMillis = 20;
    }

    @Test
    void severalJobsAreHeldApartAndEachNodeRenewsOnlyItsOwn() {
        ShedLockLeases a = JobsConfig.leases(db.dataSource(), LEASE, "node-a", null);
        ShedLockLeases b = JobsConfig.leases(db.dataSource(), LEASE, "node-b", null);
        try {
            assertThat(a.runIfHolder("job-1", () -> { })).isTrue();
            assertThat(b.runIfHolder("job-2", () -> { })).isTrue();
            assertThat(b.runIfHolder("job-1", () -> { })).isFalse();
            assertThat(a.runIfHolder("job-2", () -> { })).isFalse();
            sleep(3 * LEASE.toMillis());
            // renewed all along: still each node's own
            assertThat(b.runIfHolder("job-1", () -> { })).isFalse();
            assertThat(a.runIfHolder("job-2", () -> { })).isFalse();
            assertThat(a.runIfHolder("job-1", () -> { })).isTrue();
            assertThat(b.runIfHolder("job-2", () -> { })).isTrue();
        } finally {
            a.close();
            b.close();
        }
    }

    private long ranOn(String node) {
        return passes.stream().filter(p -> p.node().equals(node)).count();
    }

    private String lockedBy() {
        return JdbcClient.create(db.dataSource()).sql("select locked_by from shedlock where name = ?").param(JOB).query(String.class).single();
    }

    private static void await(String what, BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within);
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
