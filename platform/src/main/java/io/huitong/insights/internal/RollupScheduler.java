package io.huitong.insights.internal;

import io.huitong.insights.InsightsRollup;
import io.huitong.kernel.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The overview's background work: a rollup pass every {@code huitong.insights.rollup-interval}. Passes of several
 * nodes follow one another (each locks the rollup's state row); a pass repeated writes the same rows.
 */
final class RollupScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RollupScheduler.class);

    private final InsightsRollup rollup;
    private final Periodic periodic;

    RollupScheduler(InsightsRollup rollup, InsightsProperties properties) {
        this.rollup = rollup;
        this.periodic = new Periodic("insights-rollup", properties.rollupInterval(), this::pass, log);
    }

    void pass() {
        InsightsRollup.Pass pass = rollup.roll();
        if (pass.hoursRolled() > 0) {
            log.debug("Insights rollup: {} merchant hour(s) rolled, rolled until {}", pass.hoursRolled(), pass.rolledUntil());
        }
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
