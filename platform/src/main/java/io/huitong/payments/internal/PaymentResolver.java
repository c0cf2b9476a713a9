package io.huitong.payments.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Settles payments and refunds whose outcome is unknown (a channel that did not answer in time, or an
 * instance that stopped between calling the channel and recording its answer). Each is looked at under
 * its row lock, so several instances can run this side by side.
 */
class PaymentResolver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentResolver.class);
    private static final int BATCH = 100;

    private final PaymentEngine engine;
    private final long intervalMillis;
    private ScheduledExecutorService scheduler;

    PaymentResolver(PaymentEngine engine, PaymentsProperties properties) {
        this.engine = engine;
        this.intervalMillis = properties.resolver().interval().toMillis();
    }

    /** One pass over everything due; answers how many were settled. */
    int resolveDue() {
        int settled = 0;
        for (String id : engine.unresolvedPayments(BATCH)) {
            try {
                settled += engine.resolvePayment(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Could not resolve payment {} yet: {}", id, e.toString());
            }
        }
        for (String id : engine.unresolvedRefunds(BATCH)) {
            try {
                settled += engine.resolveRefund(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Could not resolve refund {} yet: {}", id, e.toString());
            }
        }
        return settled;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("payment-resolver").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                resolveDue();
            } catch (RuntimeException e) {
                log.warn("Payment resolver pass failed: {}", e.toString());
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
