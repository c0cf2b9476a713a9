package io.huitong.payments.internal;

import io.huitong.kernel.Periodic;
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
    private final Periodic periodic;

    PaymentResolver(PaymentEngine engine, PaymentsProperties properties) {
        this.engine = engine;
        this.periodic = new Periodic("payment-resolver", properties.resolver().interval(), this::resolveDue, log);
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
