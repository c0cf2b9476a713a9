package io.huitong.settlement.internal;

import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.Calendars;
import io.huitong.settlement.SettlementRun;
import io.huitong.settlement.SettlementRuns;
import io.huitong.settlement.domain.BusinessCalendar;
import io.huitong.settlement.domain.SettlementCutoff;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs settlement: a run goes over every merchant's pending balances (or one merchant's), each balance settled in a
 * transaction of its own, and reports its progress as it goes. A run that dies half-way has settled what it committed;
 * starting it again settles the rest, and two runs at once queue on each balance, so nothing settles twice. Balances are
 * independent (each locks its own {@code settlement_position} row), so a run settles several merchants' at once
 * ({@code huitong.settlement.workers}); see {@link Plan}. The payouts
 * the run opened go to the bank together once it is done, in batches ({@link PayoutOutcomes#sendTogether}); those of a
 * run that died are sent by the resolver.
 */
final class RunExecutor implements SettlementRuns {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    /** The first year the calendar can hold (and no payment is older). */
    static final int FIRST_YEAR = 2000;

    private final RunStore runs;
    private final PositionSettler settler;
    private final PayoutOutcomes payouts;
    private final Merchants merchants;
    private final Calendars calendars;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final ExecutorService executor;
    private final ExecutorService workers;
    private final int workerCount;

    /**
     * @param executor    runs the runs, one at a time
     * @param workers     settles the balances of a run, {@code workerCount} at a time
     */
    RunExecutor(RunStore runs, PositionSettler settler, PayoutOutcomes payouts, Merchants merchants, Calendars calendars,
                TransactionTemplate tx, Clock clock, Ids ids, ExecutorService executor, ExecutorService workers, int workerCount) {
        this.runs = runs;
        this.settler = settler;
        this.payouts = payouts;
        this.merchants = merchants;
        this.calendars = calendars;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.executor = executor;
        this.workers = workers;
        this.workerCount = workerCount;
    }

    @Override
    public SettlementRun start(LocalDate businessDate, String merchantId, String requestedBy) {
        Optional<SettlementRun> run = open(businessDate, merchantId, requestedBy, null);
        executor.execute(() -> execute(run.orElseThrow()));
        return run.get();
    }

    /** The automatic run of a business date, once across every node; empty when it was started already. */
    Optional<SettlementRun> startAutomatic(LocalDate businessDate) {
        Optional<SettlementRun> run = open(businessDate, null, "system", businessDate);
        run.ifPresent(r -> executor.execute(() -> execute(r)));
        return run;
    }

    private Optional<SettlementRun> open(LocalDate businessDate, String merchantId, String requestedBy, LocalDate automaticDate) {
        Instant now = DbTimes.now(clock);
        LocalDate today = LocalDate.ofInstant(now, SettlementCutoff.ZONE);
        LocalDate date = businessDate == null ? today : businessDate;
        if (date.getYear() < FIRST_YEAR) {
            throw ApiException.invalid("business_date", "business_date must be " + FIRST_YEAR + "-01-01 or later");
        }
        if (date.isAfter(today)) {
            throw ApiException.invalid("business_date", "business_date may not be in the future (today is " + today + " in Asia/Shanghai)");
        }
        if (merchantId != null && merchants.find(merchantId).isEmpty()) {
            throw ApiException.invalid("merchant", "No such merchant: '" + merchantId + "'");
        }
        int total = runs.positions(merchantId).size();
        SettlementRun run = new SettlementRun(ids.next("str"), date, merchantId, "running", 0, total, 0, 0, null, requestedBy, now, now);
        return runs.insert(run, automaticDate) ? Optional.of(run) : Optional.empty();
    }

    /**
     * Settles every balance of the run, {@code workers} at a time (each in its own transaction, so PostgreSQL works on
     * as many at once), then sends the payouts it opened; a run of its own thread.
     */
    void execute(SettlementRun run) {
        Progress progress = new Progress(run);
        try {
            BusinessCalendar calendar = calendars.current();
            Plan plan = plan(runs.positions(run.merchantId()));
            settler.prepare(plan.currencies());
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < Math.min(workerCount, plan.together().size()); w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.together().size() && !progress.stopped(); i = next.getAndIncrement()) {
                        for (RunStore.Position position : plan.together().get(i)) {
                            progress.record(position, settleOne(run, position, plan.found().get(position.merchantId()), calendar));
                        }
                    }
                }));
            }
            awaitAll(running, progress);
            for (RunStore.Position position : plan.alone()) {
                progress.record(position, settleOne(run, position, plan.found().get(position.merchantId()), calendar));
            }
            runs.finish(run.id(), "completed", null, DbTimes.now(clock));
        } catch (RuntimeException e) {
            log.error("Settlement run {} failed after {} balances", run.id(), progress.done(), e);
            runs.finish(run.id(), "failed", "failed after " + progress.done() + " balances: " + e.getClass().getSimpleName(), DbTimes.now(clock));
        } finally {
            payouts.sendTogether(progress.opened());
        }
    }

    /**
     * The run's balances in the order they settle: {@code together}, a merchant's balances each (settled one after the
     * other), for the workers to take at once, as they write nothing another merchant's balance does but the bank
     * clearing account, opened beforehand; then {@code alone}, one at a time, every balance of a merchant with one to
     * convert (the FX accounts are shared, and two conversions in opposite directions would take them in opposite order).
     * {@code found}: the merchants, looked up once for the run (one no longer found is absent).
     */
    private record Plan(List<List<RunStore.Position>> together, List<RunStore.Position> alone, Set<String> currencies,
                        Map<String, Merchant> found) {
    }

    private Plan plan(List<RunStore.Position> positions) {
        Map<String, List<RunStore.Position>> byMerchant = new LinkedHashMap<>();
        for (RunStore.Position p : positions) {
            byMerchant.computeIfAbsent(p.merchantId(), m -> new ArrayList<>()).add(p);
        }
        List<List<RunStore.Position>> together = new ArrayList<>();
        List<RunStore.Position> alone = new ArrayList<>();
        Set<String> currencies = new TreeSet<>();
        Map<String, Merchant> found = new java.util.HashMap<>();
        byMerchant.forEach((merchantId, own) -> {
            Optional<Merchant> merchant = merchants.find(merchantId);
            merchant.ifPresent(m -> found.put(merchantId, m));
            if (merchant.isPresent() && own.stream().allMatch(p -> p.currency().equals(merchant.get().settlementCurrency()))) {
                together.add(own);
                currencies.add(merchant.get().settlementCurrency());
            } else {
                alone.addAll(own);
            }
        });
        return new Plan(together, alone, currencies, found);
    }

    /** Waits for every worker; the first one's failure stops the others taking new balances and fails the run. */
    private static void awaitAll(List<Future<?>> running, Progress progress) {
        RuntimeException failure = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                progress.stop();
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                progress.stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while settling", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** What the run's workers did so far, reported as they go: one worker at a time, so the run's row never goes back. */
    private final class Progress {

        private final SettlementRun run;
        private final List<String> opened = new ArrayList<>();
        private int done;
        private int settled;
        private int skipped;
        private volatile boolean stopped;

        Progress(SettlementRun run) {
            this.run = run;
        }

        synchronized void record(RunStore.Position position, PositionSettler.Outcome outcome) {
            if (outcome instanceof PositionSettler.Outcome.Settled s) {
                settled++;
                if (s.settlement().payoutId() != null) {
                    opened.add(s.settlement().payoutId());
                }
            } else if (outcome instanceof PositionSettler.Outcome.Skipped s) {
                skipped++;
                log.warn("Settlement run {} left {} {} for a later run: {}", run.id(), position.merchantId(), position.currency(), s.reason());
            }
            done++;
            runs.progress(run.id(), Math.min(done, run.total()), settled, skipped, DbTimes.now(clock));
        }

        synchronized int done() {
            return done;
        }

        synchronized List<String> opened() {
            return List.copyOf(opened);
        }

        boolean stopped() {
            return stopped;
        }

        void stop() {
            stopped = true;
        }
    }

    private PositionSettler.Outcome settleOne(SettlementRun run, RunStore.Position position, Merchant merchant, BusinessCalendar calendar) {
        if (merchant == null) {
            return new PositionSettler.Outcome.Skipped("no such merchant");
        }
        try {
            return tx.execute(s -> {
                PositionSettler.Outcome outcome = settler.settle(run.id(), run.requestedBy(), merchant, position.currency(),
                        run.businessDate(), calendar, DbTimes.now(clock));
                if (outcome instanceof PositionSettler.Outcome.Skipped) {
                    s.setRollbackOnly();
                }
                return outcome;
            });
        } catch (RuntimeException e) {
            log.error("Settlement run {} could not settle {} {}; a later run tries again", run.id(), position.merchantId(),
                    position.currency(), e);
            return new PositionSettler.Outcome.Skipped(e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<SettlementRun> find(String runId) {
        return runs.find(runId);
    }

    @Override
    public Page<SettlementRun> list(PageRequest page) {
        return runs.list(page);
    }
}
