package io.huitong.kernel;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Runs a pass of background work on its own daemon thread, again {@code interval} after each pass ends. A
 * pass that throws is logged and the next one runs as planned. Built with {@link JobLeases}, a pass runs only on
 * the node that holds the job's lease (its {@code name}): once across nodes; without, on every node.
 */
public final class Periodic {

    private final String name;
    private final Duration interval;
    private final Runnable pass;
    private final Logger log;
    private ScheduledExecutorService scheduler; // guarded by this

    /** A pass on every node: for work on this node's own state (its connections, its caches). */
    public Periodic(String name, Duration interval, Runnable pass, Logger log) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
        this.log = log;
    }

    /** A pass on one node at a time, the holder of the lease named {@code name}. */
    public Periodic(String name, Duration interval, Runnable pass, Logger log, JobLeases leases) {
        this(name, interval, () -> leases.runIfHolder(name, pass), log);
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                log.warn("{} pass failed: {}", name, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
