package io.huitong.payments.internal;

import io.huitong.kernel.JobLeases;
import io.huitong.kernel.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The janitor on a timer: settles payments and refunds whose outcome is unknown ({@link UnknownOutcomes}) and gives
 * back money paid too late ({@link GiveBacks}). Each item is looked at under its row lock, so several instances can
 * run this side by side; the timer runs it on one node at a time all the same ({@link JobLeases}).
 */
class PaymentResolver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentResolver.class);
    private static final int BATCH = 100;

    private final UnknownOutcomes unknown;
    private final GiveBacks giveBacks;
    private final Periodic periodic;

    PaymentResolver(UnknownOutcomes unknown, GiveBacks giveBacks, PaymentsProperties properties, JobLeases leases) {
        this.unknown = unknown;
        this.giveBacks = giveBacks;
        this.periodic = new Periodic("payment-resolver", properties.resolver().interval(), this::resolveDue, log, leases);
    }

    /** One pass over everything due; answers how many were settled. */
    int resolveDue() {
        int settled = 0;
        for (String id : unknown.duePayments(BATCH)) {
            try {
                settled += unknown.resolvePayment(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Could not resolve payment {} yet: {}", id, e.toString());
            }
        }
        for (String id : unknown.dueRefunds(BATCH)) {
            try {
                settled += unknown.resolveRefund(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Could not resolve refund {} yet: {}", id, e.toString());
            }
        }
        return settled + giveBacks.finishDue(BATCH);
    }

    @Override
    public void start() {
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
