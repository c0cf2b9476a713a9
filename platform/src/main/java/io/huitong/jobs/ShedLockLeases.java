package io.huitong.jobs;

import io.huitong.kernel.JobLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job leases on ShedLock's lock table. A node takes a job's lease the first time the job's timer fires while no node
 * holds it ({@code lock}: {@code lock_until} passed), keeps it (it does not unlock after a pass) and renews every lease
 * it holds every third of {@code lease} ({@code extend}, only while {@code locked_by} is still this node and the lease
 * has not run out). So a job stays on one node, costs nothing per pass, and the other nodes' timers find the lease
 * taken with an update that changes no row. {@link #close()} (a stopping node) waits for running passes and gives
 * the leases back; a node that dies gives nothing back, and its leases run out within {@code lease}.
 *
 * <p>This node counts a lease as its own until {@code lease} less a fifth after the renewal was sent, measured on its
 * monotonic clock: the database set {@code lock_until} later than that, from its own clock, so this node stops
 * running the job before another node can take it, unless a pause (a long GC) comes between the check and the pass.
 */
final class ShedLockLeases implements JobLeases, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShedLockLeases.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final LockProvider locks;
    private final Duration lease;
    private final long validNanos;
    private final String node;
    private final MeterRegistry meters;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;
    private volatile boolean closed;
    private volatile boolean abandoned;

    /** One job's lease on this node; its fields are guarded by itself. */
    private static final class Lease {
        private final String job;
        private SimpleLock lock;
        private long validUntil;
        private int running;
        /** Whether the last try to take the lease failed for want of the database: logged when it starts and ends. */
        private boolean unreachable;

        private Lease(String job) {
            this.job = job;
        }

        synchronized boolean held() {
            return lock != null && System.nanoTime() - validUntil < 0;
        }
    }

    ShedLockLeases(LockProvider locks, Duration lease, String node, MeterRegistry meters) {
        this.locks = locks;
        this.lease = lease;
        this.validNanos = lease.toNanos() - lease.toNanos() / 5;
        this.node = node;
        this.meters = meters;
        this.renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-leases").daemon().factory());
        long every = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    String node() {
        return node;
    }

    @Override
    public boolean runIfHolder(String job, Runnable pass) {
        Lease l = leases.computeIfAbsent(job, this::newLease);
        synchronized (l) {
            if (closed || !holdOrTake(l)) {
                return false;
            }
            l.running++;
        }
        try {
            pass.run();
            return true;
        } finally {
            synchronized (l) {
                l.running--;
                l.notifyAll();
            }
        }
    }

    /** Whether this node holds the job's lease now (for tests and meters). */
    boolean holds(String job) {
        Lease l = leases.get(job);
        return l != null && l.held();
    }

    private Lease newLease(String job) {
        Lease l = new Lease(job);
        if (meters != null) {
            Gauge.builder("huitong.jobs.held", l, x -> x.held() ? 1 : 0).tag("name", job)
                    .description("1 on the node that holds the job's lease and runs it, 0 on the others").register(meters);
        }
        return l;
    }

    /** Called holding {@code l}. */
    private boolean holdOrTake(Lease l) {
        long sent = System.nanoTime();
        if (l.lock != null) {
            if (sent - l.validUntil < 0) {
                return true;
            }
            l.lock = null;
            log.warn("Job {}: this node's lease ran out before it could be renewed; the job goes to whichever node takes it first", l.job);
        }
        Optional<SimpleLock> taken;
        try {
            taken = locks.lock(new LockConfiguration(ClockProvider.now(), l.job, lease, Duration.ZERO));
        } catch (RuntimeException e) {
            // the database is unreachable: the job waits, as it would have failed anyway
            if (!l.unreachable) {
                l.unreachable = true;
                log.warn("Job {}: its lease cannot be taken, the lock table is unreachable; the job waits: {}", l.job, e.toString());
            }
            return false;
        }
        if (l.unreachable) {
            l.unreachable = false;
            log.info("Job {}: the lock table is reachable again", l.job);
        }
        if (taken.isEmpty()) {
            return false;
        }
        l.lock = taken.get();
        l.validUntil = sent + validNanos;
        log.info("Job {} now runs on this node ({})", l.job, node);
        return true;
    }

    /** Renews every lease this node holds; one that another node took (ours had run out) is given up. */
    void renewAll() {
        for (Lease l : leases.values()) {
            synchronized (l) {
                if (l.lock == null || closed) {
                    continue;
                }
                long sent = System.nanoTime();
                try {
                    Optional<SimpleLock> renewed = l.lock.extend(lease, Duration.ZERO);
                    if (renewed.isPresent()) {
                        l.lock = renewed.get();
                        l.validUntil = sent + validNanos;
                    } else {
                        l.lock = null;
                        log.warn("Job {}: this node's lease had run out and could not be renewed; another node runs the job", l.job);
                    }
                } catch (RuntimeException e) {
                    // the database did not answer: the lease stays ours until it runs out, then holdOrTake gives it up
                    log.warn("Job {}: could not renew this node's lease: {}", l.job, e.toString());
                }
            }
        }
    }

    /** Takes no lease any more, waits (a while) for running passes, and gives the leases back for another node to take at once. */
    @Override
    public void close() {
        closed = true;
        renewer.shutdownNow();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Lease l : leases.values()) {
            synchronized (l) {
                try {
                    while (l.running > 0 && deadline - System.nanoTime() > 0) {
                        l.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (l.lock != null && !abandoned) {
                    try {
                        l.lock.unlock();
                        log.info("Job {}: lease given back, another node takes the job", l.job);
                    } catch (RuntimeException e) {
                        log.warn("Job {}: could not give the lease back; it runs out by itself within {}: {}", l.job, lease, e.toString());
                    }
                    l.lock = null;
                }
            }
        }
    }

    /** A node that stops renewing without giving anything back, as one killed would (for tests). */
    void abandon() {
        abandoned = true;
        closed = true;
        renewer.shutdownNow();
    }
}
