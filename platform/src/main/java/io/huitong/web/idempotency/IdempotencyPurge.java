package io.huitong.web.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Forgets keys older than the retention. Any instance may run it; the delete is idempotent. */
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;

    IdempotencyPurge(IdempotencyStore store) {
        this.store = store;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purge() {
        int purged = store.purge();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }
}
