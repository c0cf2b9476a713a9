package io.huitong.insights.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code huitong.insights.*}: the overview's hourly rollup ({@link HourlyRollup}).
 *
 * @param rollupAutomatic whether the rollup job runs by itself (an operator can run a pass with
 *                        {@code POST /v1/admin/insights/rollup} either way)
 * @param rollupInterval  how long the job waits after a pass before the next
 * @param rollupLag       how long after an hour closed it is rolled, and how long a change is looked at again: longer
 *                        than any transaction writing a payment or refund takes to commit
 */
@ConfigurationProperties("huitong.insights")
record InsightsProperties(@DefaultValue("true") boolean rollupAutomatic, @DefaultValue("1m") Duration rollupInterval,
                          @DefaultValue("5m") Duration rollupLag) {

    InsightsProperties {
        if (rollupInterval.isNegative() || rollupInterval.isZero()) {
            throw new IllegalArgumentException("huitong.insights.rollup-interval must be positive: " + rollupInterval);
        }
        if (rollupLag.isNegative()) {
            throw new IllegalArgumentException("huitong.insights.rollup-lag must not be negative: " + rollupLag);
        }
    }
}
