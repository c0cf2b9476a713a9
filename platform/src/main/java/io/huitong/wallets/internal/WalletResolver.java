package io.huitong.wallets.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Settles pending top-ups once their card payments settle, and pending withdrawals once the bank answers. Each is settled under its row lock, so instances may run side by side. */
final class WalletResolver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WalletResolver.class);

    private final TopUps topUps;
    private final Withdrawals withdrawals;
    private final long intervalMillis;
    private ScheduledExecutorService scheduler;

    WalletResolver(TopUps topUps, Withdrawals withdrawals, long intervalMillis) {
        this.topUps = topUps;
        this.withdrawals = withdrawals;
        this.intervalMillis = intervalMillis;
    }

    int resolveDue() {
        return topUps.resolveDue() + withdrawals.resolveDue();
    }

    @Override
    public synchronized void start() {
        try {
            topUps.merchant();
        } catch (RuntimeException e) {
            log.warn("Could not set up the top-up merchant yet; the first top-up will: {}", e.toString());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wallet-resolver").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                resolveDue();
            } catch (RuntimeException e) {
                log.warn("Wallet resolver pass failed: {}", e.toString());
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
