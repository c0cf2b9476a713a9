package io.huitong.channels;

import java.util.List;

/**
 * The routing rules operators edit ({@code GET/PUT /v1/admin/routing}). A channel without a rule takes no
 * payments once rules are stored.
 */
public interface Routing {

    /** The rules as stored now (read from the database, not from this instance's cache). */
    RoutingTable current();

    /**
     * Replaces every rule at once and bumps the version; in force on this instance at once (once the caller's
     * transaction commits, when there is one), on the others
     * within their reload interval. Invalid rules are refused with a 400 naming the parameter
     * ({@code channels[1].fee_bps}), and nothing changes.
     */
    RoutingTable replace(List<RoutingRule> rules);

    /** Refuses rules {@link #replace} would refuse, the same way, and changes nothing. */
    void check(List<RoutingRule> rules);
}
