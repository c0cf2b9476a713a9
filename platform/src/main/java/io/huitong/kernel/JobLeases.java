package io.huitong.kernel;

/**
 * Where background jobs run when several nodes share one database: each job on one node at a time, the holder of
 * the job's lease. The implementation ({@code io.huitong.jobs}) keeps the leases in the database and renews those
 * this node holds; a node that stops gives its jobs up at once, one that dies loses them when its leases run out
 * (seconds), and the next node whose timer fires takes them.
 *
 * <p>Jobs on a {@link Periodic} pass their name and this to its constructor; {@code @Scheduled} methods carry
 * {@link ClusterSingleton}.
 */
@FunctionalInterface
public interface JobLeases {

    /**
     * Runs one pass of the job when this node holds its lease, taking the lease when no node holds it; answers
     * whether the pass ran here. A pass that outlives a lease this node lost (a pause longer than the lease) still
     * finishes: jobs keep their own row locks, so a rare overlap is safe, only wasted.
     */
    boolean runIfHolder(String job, Runnable pass);

    /** Every job on this node, for a single node and for tests that build a job without a database. */
    JobLeases THIS_NODE = (job, pass) -> {
        pass.run();
        return true;
    };
}
