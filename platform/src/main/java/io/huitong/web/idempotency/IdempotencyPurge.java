package io.huitong.web.idempotency;

import io.huitong.kernel.ClusterSingleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Forgets keys older than the retention, and erases unkeyed fingerprints. Any instance may run it; both
 * updates are idempotent.
 *
 * <p>V17 erased the unkeyed fingerprints stored until then, but an instance of an earlier release still
 * running during a rolling upgrade goes on writing them. The first run erases them among all keys (one
 * scan of the table per start); each later run looks only at keys created since the previous successful
 * run began, less {@link #CLOCK_SKEW} for instances whose clock is behind ours, through the index on
 * {@code created_at}.
 */
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final IdempotencyStore store;
    private final Clock clock;
    /** When the last run that erased unkeyed fingerprints successfully began; null before the first. */
    private Instant erasedSince;

    IdempotencyPurge(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${huitong.idempotency.purge-delay:PT1M}", fixedDelayString = "${huitong.idempotency.purge-interval:PT1H}")
    @ClusterSingleton("idempotency-purge")
    synchronized void purge() {
        int purged = store.purge();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
        Instant started = clock.instant();
        int erased = store.eraseUnkeyedFingerprints(erasedSince == null ? null : erasedSince.minus(CLOCK_SKEW));
        erasedSince = started;
        if (erased > 0) {
            log.info("Erased the unkeyed fingerprints of {} idempotency keys written by an earlier release", erased);
        }
    }
}
