package io.huitong.settlement.internal;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code huitong.settlement.*}: when the automatic run starts each business day (Asia/Shanghai), whether it runs at
 * all, how often payouts in transit are asked about, and when a silent run counts as stopped.
 * {@code huitong.approvals.payout-threshold} is read beside it.
 *
 * @param runAt      the time of day (Asia/Shanghai) the automatic run starts on each business day
 * @param automatic  whether runs start by themselves (on demand runs always work)
 * @param interval   how often the scheduler and the payout resolver look for work
 * @param staleRun   how long a running run may go without reporting progress before it counts as stopped (its node
 *                   died) and is marked failed; longer than any one merchant balance takes to settle
 * @param workers    how many balances a run settles at once, each in its own transaction and database connection
 */
@ConfigurationProperties("huitong.settlement")
record SettlementProperties(@DefaultValue("10:00") LocalTime runAt, @DefaultValue("true") boolean automatic,
                            @DefaultValue("5s") Duration interval,
                            @DefaultValue("15m") Duration staleRun, @DefaultValue("2") int workers) {

    SettlementProperties {
        if (workers < 1 || workers > 32) {
            throw new IllegalArgumentException("huitong.settlement.workers must be between 1 and 32: " + workers);
        }
    }
}
