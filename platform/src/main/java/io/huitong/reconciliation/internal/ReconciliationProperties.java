package io.huitong.reconciliation.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code huitong.reconciliation.*}.
 *
 * @param grace              business days a record of ours may wait for the channel's statement (a timing break)
 *                           before it is missing in the channel
 * @param writeOffThreshold  write-offs of at least this many minor units wait for a second operator's approval
 * @param timeTolerance      how far apart a statement line and a record of ours may be in time and still be paired by
 *                           amount and currency alone, when neither reference pairs them
 * @param statementsUrl      the base URL of a statement API speaking the simulator's {@code GET /control/statements/{channel}};
 *                           unset: the simulator's ({@code huitong.channels.simulator-url}, or the one started in-process)
 * @param fetchTimeout       how long fetching a statement may take, from the first byte to the last
 * @param batchSize          statement lines written to the database per batch (on H2; PostgreSQL takes them as one COPY)
 * @param interval           how often timing breaks are aged, an interrupted matching is taken up again and the daily run looks
 *                           for work
 * @param automatic          whether each channel's statement of the day before is fetched and reconciled by itself every day
 * @param runAt              from what time of day (Asia/Shanghai) it is
 */
@ConfigurationProperties("huitong.reconciliation")
record ReconciliationProperties(@DefaultValue("2") int grace, @DefaultValue("100000") long writeOffThreshold,
                                       @DefaultValue("5m") Duration timeTolerance, String statementsUrl,
                                       @DefaultValue("10m") Duration fetchTimeout, @DefaultValue("1000") int batchSize,
                                       @DefaultValue("5m") Duration interval, @DefaultValue("true") boolean automatic,
                                       @DefaultValue("09:00") java.time.LocalTime runAt) {

    ReconciliationProperties {
        if (grace < 0 || grace > 366) {
            throw new IllegalArgumentException("huitong.reconciliation.grace must be between 0 and 366 business days: " + grace);
        }
        if (writeOffThreshold < 1) {
            throw new IllegalArgumentException("huitong.reconciliation.write-off-threshold must be positive: " + writeOffThreshold);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("huitong.reconciliation.batch-size must be positive: " + batchSize);
        }
    }
}
