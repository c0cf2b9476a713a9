package io.huitong.settlement.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.JobLeases;
import io.huitong.kernel.Periodic;
import io.huitong.settlement.Calendars;
import io.huitong.settlement.domain.SettlementCutoff;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The background work of settlement: each business day at {@code run-at} the automatic run (once across nodes: the
 * database lets one node start it), runs whose node died marked failed, and payouts sent or asked about; on one node
 * at a time ({@link JobLeases}).
 */
final class SettlementScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettlementScheduler.class);

    private final RunExecutor runs;
    private final RunStore runStore;
    private final PayoutOutcomes payouts;
    private final Calendars calendars;
    private final SettlementProperties properties;
    private final Clock clock;
    private final Periodic periodic;

    SettlementScheduler(RunExecutor runs, RunStore runStore, PayoutOutcomes payouts, Calendars calendars, SettlementProperties properties,
                        Clock clock, JobLeases leases) {
        this.runs = runs;
        this.runStore = runStore;
        this.payouts = payouts;
        this.calendars = calendars;
        this.properties = properties;
        this.clock = clock;
        this.periodic = new Periodic("settlement", properties.interval(), this::pass, log, leases);
    }

    /** A run reports progress after each merchant balance: one silent for {@code stale-run} has stopped. */
    void pass() {
        Instant now = DbTimes.now(clock);
        int stale = runStore.failStale(now.minus(properties.staleRun()), now);
        if (stale > 0) {
            log.warn("{} settlement run(s) stopped before they were done; start them again to settle the rest", stale);
        }
        if (properties.automatic()) {
            startDue(now);
        }
        payouts.resolveDue();
    }

    /** Starts today's automatic run when today is a business day, its time has come and no node started it. */
    void startDue(Instant now) {
        ZonedDateTime local = now.atZone(SettlementCutoff.ZONE);
        LocalDate today = local.toLocalDate();
        if (!calendars.current().isBusinessDay(today) || local.toLocalTime().isBefore(properties.runAt())
                || runStore.automaticRunExists(today)) {
            return;
        }
        runs.startAutomatic(today).ifPresent(run -> log.info("Automatic settlement run {} for {} started", run.id(), today));
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
