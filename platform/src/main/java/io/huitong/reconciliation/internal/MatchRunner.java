package io.huitong.reconciliation.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.ReconciliationCompleted;
import io.micrometer.core.instrument.MeterRegistry;
import io.huitong.reconciliation.domain.StatementFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs matching in the background, one reconciliation at a time per instance, each in one transaction (all of it or
 * nothing), reporting progress from short transactions of their own as it goes. A matching whose instance died stops
 * reporting progress and is taken up again ({@link #resumeStalled}); so is one that never started.
 */
final class MatchRunner {

    private static final Logger log = LoggerFactory.getLogger(MatchRunner.class);
    /** Longer than any pass takes: a matching silent for this long is not running anywhere. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(10);

    private final ReconciliationStore store;
    private final Matcher matcher;
    private final TransactionTemplate tx;
    private final TransactionTemplate progressTx;
    private final Clock clock;
    private final ExecutorService executor;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    MatchRunner(ReconciliationStore store, Matcher matcher, TransactionTemplate tx, TransactionTemplate progressTx, Clock clock,
                ExecutorService executor, ApplicationEventPublisher events, MeterRegistry meters) {
        this.store = store;
        this.matcher = matcher;
        this.tx = tx;
        this.progressTx = progressTx;
        this.clock = clock;
        this.executor = executor;
        this.events = events;
        this.meters = meters;
    }

    /** Starts matching once the caller's transaction commits (at once without one). */
    void startAfterCommit(String id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(id);
                }
            });
        } else {
            submit(id);
        }
    }

    private void submit(String id) {
        try {
            executor.execute(() -> run(id));
        } catch (RejectedExecutionException e) {
            log.warn("Reconciliation {} waits for a later pass: the matcher is shutting down or full", id);
        }
    }

    void run(String id) {
        ReconciliationStore.Row row = store.find(id).orElse(null);
        if (row == null || !row.status().equals("matching")) {
            return;
        }
        long started = System.nanoTime();
        try {
            tx.executeWithoutResult(s -> {
                String bankCurrency = row.reserve() == null ? null : row.reserve().currency();
                Matcher.Job job = new Matcher.Job(id, new ChannelDirectory.Channel(row.channel(), StatementFormat.ofWire(row.format())),
                        row.businessDate(), row.total(), row.supersedes(), bankCurrency);
                Matcher.Outcome outcome = matcher.match(job, done -> progressTx.executeWithoutResult(p ->
                        store.progress(id, Math.min(done, row.total()), DbTimes.now(clock))));
                Matcher.Movements m = outcome.movements();
                store.complete(id, outcome.matched(), m == null ? null : m.credits(), m == null ? null : m.debits(), DbTimes.now(clock));
                Reconciliation.Counts counts = store.counts(id);
                events.publishEvent(new ReconciliationCompleted(id, row.channel(), row.businessDate(), row.total(), counts, counts.breaks(),
                        DbTimes.now(clock)));
                measure(row, counts, System.nanoTime() - started);
            });
            log.info("Reconciliation {} of {} {}: {} lines matched in {} ms", id, row.channel(), row.businessDate(), row.total(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            meters.counter("huitong.reconciliation.failures", "channel", row.channel()).increment();
            log.error("Reconciliation {} of {} {} failed", id, row.channel(), row.businessDate(), e);
            progressTx.executeWithoutResult(s -> store.fail(id, "matching failed: " + e.getClass().getSimpleName(), DbTimes.now(clock)));
        }
    }

    /** huitong_reconciliation_*: how long matching takes, how many lines it reads and breaks it finds, by channel (and class). */
    private void measure(ReconciliationStore.Row row, Reconciliation.Counts counts, long nanos) {
        meters.timer("huitong.reconciliation.matching", "channel", row.channel()).record(nanos, TimeUnit.NANOSECONDS);
        meters.counter("huitong.reconciliation.lines", "channel", row.channel()).increment(row.total());
        long[] found = {counts.missingInLedger(), counts.missingInChannel(), counts.amountMismatch(), counts.statusMismatch(),
            counts.currencyMismatch(), counts.duplicate(), counts.timing()};
        String[] classes = {"missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch", "currency_mismatch", "duplicate",
            "timing"};
        for (int i = 0; i < found.length; i++) {
            meters.counter("huitong.reconciliation.breaks", "channel", row.channel(), "class", classes[i]).increment(found[i]);
        }
    }

    /** Takes up matchings that stopped reporting progress, once each across instances. */
    void resumeStalled() {
        Instant now = DbTimes.now(clock);
        Instant before = now.minus(STALLED_AFTER);
        for (String id : store.stalled(before)) {
            if (store.claim(id, before, now)) {
                log.warn("Reconciliation {} stopped matching before it was done; matching it again", id);
                submit(id);
            }
        }
    }
}
