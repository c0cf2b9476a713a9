package io.huitong.channels;

import io.huitong.channels.routing.RoutingWeights;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How routing weighs channels ({@code huitong.channels.routing.*}); the score is described in
 * {@link io.huitong.channels.routing}.
 *
 * @param minimumCalls     below this many recent calls a channel counts as healthy
 * @param failureWeight    basis points of score per percentage point of failed calls above the allowance
 * @param failureAllowance the percentage of failed calls that costs nothing
 * @param latencyWeight    basis points of score per 100 ms of p99 latency
 * @param windowAge        only calls that ended this recently count (so a channel kept away comes back)
 * @param reloadInterval   how often an instance looks for rules another instance stored
 */
@ConfigurationProperties("huitong.channels.routing")
record RoutingProperties(Integer minimumCalls, Double failureWeight, Double failureAllowance, Double latencyWeight,
                         Duration windowAge, Duration reloadInterval) {

    RoutingProperties {
        RoutingWeights d = RoutingWeights.DEFAULTS;
        minimumCalls = minimumCalls == null ? d.minimumCalls() : minimumCalls;
        failureWeight = failureWeight == null ? d.failureWeight() : failureWeight;
        failureAllowance = failureAllowance == null ? d.failureAllowance() : failureAllowance;
        latencyWeight = latencyWeight == null ? d.latencyWeight() : latencyWeight;
        windowAge = windowAge == null ? Duration.ofMinutes(2) : windowAge;
        reloadInterval = reloadInterval == null ? Duration.ofSeconds(2) : reloadInterval;
    }

    RoutingWeights weights() {
        return new RoutingWeights(minimumCalls, failureWeight, failureAllowance, latencyWeight);
    }
}
