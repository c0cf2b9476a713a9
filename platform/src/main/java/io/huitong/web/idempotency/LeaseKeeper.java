package io.huitong.web.idempotency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the lease of running requests every third of the lease, so that an expired lease really means
 * "the instance running it died" and a slow request is never taken over and run twice.
 */
class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final IdempotencyStore store;
    private final long periodMillis;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("idempotency-lease").daemon().factory());

    LeaseKeeper(IdempotencyStore store, Duration lease) {
        this.store = store;
        this.periodMillis = Math.max(100, lease.toMillis() / 3);
    }

    /** Renewals of one running request; closing stops them. */
    interface Renewal extends AutoCloseable {
        @Override
        void close();
    }

    /** Keeps renewing until the returned handle is closed. */
    Renewal keep(Claim.Ticket ticket) {
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> renew(ticket), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    private void renew(Claim.Ticket ticket) {
        try {
            if (!store.renew(ticket)) {
                log.warn("Idempotency key of {} was taken over while its request was still running", ticket.scope());
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew an idempotency lease; it may be taken over if this persists", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
