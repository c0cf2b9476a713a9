package io.huitong.wallets.internal;

import io.huitong.kernel.JobLeases;
import io.huitong.kernel.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Settles pending top-ups once their card payments settle, and pending withdrawals once the bank answers. Each is settled
 * under its row lock, so instances may run side by side; the timer runs it on one node at a time all the same
 * ({@link JobLeases}). Each pass also deletes payment codes a day past their expiry ({@link PaymentCodes#purgeExpired}),
 * so that their table holds about a day of codes.
 */
final class WalletResolver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WalletResolver.class);

    private final TopUps topUps;
    private final Withdrawals withdrawals;
    private final PaymentCodes codes;
    private final Periodic periodic;

    WalletResolver(TopUps topUps, Withdrawals withdrawals, PaymentCodes codes, long intervalMillis, JobLeases leases) {
        this.topUps = topUps;
        this.withdrawals = withdrawals;
        this.codes = codes;
        this.periodic = new Periodic("wallet-resolver", java.time.Duration.ofMillis(intervalMillis), this::pass, log, leases);
    }

    int resolveDue() {
        return topUps.resolveDue() + withdrawals.resolveDue();
    }

    private void pass() {
        resolveDue();
        codes.purgeExpired();
    }

    @Override
    public synchronized void start() {
        try {
            topUps.merchant();
        } catch (RuntimeException e) {
            log.warn("Could not set up the top-up merchant yet; the first top-up will: {}", e.toString());
        }
        periodic.start();
    }

    @Override
    public void stop() {
        periodic.stop();
    }

    @Override
    public boolean isRunning() {
        return periodic.isRunning();
    }
}
