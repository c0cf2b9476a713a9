package io.huitong.reconciliation.internal;

import io.huitong.reconciliation.Reconciliations;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily run: from {@code huitong.reconciliation.run-at} (Asia/Shanghai) on, each channel's statement of the day
 * before is fetched and reconciled, once: a channel and date that has a reconciliation already is left alone (an
 * operator's, or another instance's; two instances fetching at once end with one reconciliation, the content being the
 * same). A channel that can't give its statement yet is asked again on the next pass.
 */
final class DailyReconciliation {

    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);

    private final Reconciliations reconciliations;
    private final ReconciliationStore store;
    private final ChannelDirectory channels;
    private final LocalTime runAt;
    private final Clock clock;

    DailyReconciliation(Reconciliations reconciliations, ReconciliationStore store, ChannelDirectory channels, LocalTime runAt, Clock clock) {
        this.reconciliations = reconciliations;
        this.store = store;
        this.channels = channels;
        this.runAt = runAt;
        this.clock = clock;
    }

    /** Reconciles yesterday's statement of every channel that has none yet, once the time of day has come; answers how many. */
    int pass() {
        ZonedDateTime now = clock.instant().atZone(Matcher.BUSINESS_ZONE);
        if (now.toLocalTime().isBefore(runAt)) {
            return 0;
        }
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        int started = 0;
        for (String channel : channels.names()) {
            if (store.exists(channel, yesterday)) {
                continue;
            }
            try {
                reconciliations.fetchStatement(channel, yesterday, "system");
                started++;
            } catch (RuntimeException e) {
                log.warn("The daily reconciliation of {} {} waits for the next pass: {}", channel, yesterday, e.getMessage());
            }
        }
        return started;
    }
}
