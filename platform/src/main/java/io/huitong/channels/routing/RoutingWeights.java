package io.huitong.channels.routing;

/**
 * How routing weighs a channel's recent calls against its cost. Every weight is in basis points of the
 * payment's amount, the unit of the cost term, so that one number says how much cheaper a channel must be
 * to be preferred despite its failures or its latency.
 *
 * @param minimumCalls     below this many recent calls a channel counts as healthy (no failure, no latency term)
 * @param failureWeight    basis points added per percentage point of failed calls above {@code failureAllowance}
 * @param failureAllowance the percentage of failed calls that costs nothing (a healthy channel's background noise)
 * @param latencyWeight    basis points added per 100 ms of the recent calls' p99 latency
 */
public record RoutingWeights(int minimumCalls, double failureWeight, double failureAllowance, double latencyWeight) {

    public static final RoutingWeights DEFAULTS = new RoutingWeights(20, 10, 2, 1);

    public RoutingWeights {
        if (minimumCalls < 1 || failureWeight < 0 || failureAllowance < 0 || failureAllowance > 100 || latencyWeight < 0) {
            throw new IllegalArgumentException("routing weights: minimum calls at least 1, weights and allowance not negative, "
                    + "allowance at most 100");
        }
    }
}
