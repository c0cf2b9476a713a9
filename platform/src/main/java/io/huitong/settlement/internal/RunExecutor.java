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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs settlement: a run goes over every merchant's pending balances (or one merchant's), each balance settled in a
 * transaction of its own, and reports its progress as it goes. A run that dies half-way has settled what it committed;
 * starting it again settles the rest, and two runs at once queue on each balance, so nothing settles twice. The payouts
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

    RunExecutor(RunStore runs, PositionSettler settler, PayoutOutcomes payouts, Merchants merchants, Calendars calendars,
                TransactionTemplate tx, Clock clock, Ids ids, ExecutorService executor) {
        this.runs = runs;
        this.settler = settler;
        this.payouts = payouts;
        this.merchants = merchants;
        this.calendars = calendars;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.executor = executor;
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

    /** Settles every balance of the run in turn, then sends the payouts it opened; a run of its own thread. */
    void execute(SettlementRun run) {
        int done = 0;
        int settled = 0;
        int skipped = 0;
        List<String> opened = new ArrayList<>();
        try {
            BusinessCalendar calendar = calendars.current();
            List<RunStore.Position> positions = runs.positions(run.merchantId());
            for (RunStore.Position position : positions) {
                PositionSettler.Outcome outcome = settleOne(run, position, calendar);
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
            runs.finish(run.id(), "completed", null, DbTimes.now(clock));
        } catch (RuntimeException e) {
            log.error("Settlement run {} failed after {} balances", run.id(), done, e);
            runs.finish(run.id(), "failed", "failed after " + done + " balances: " + e.getClass().getSimpleName(), DbTimes.now(clock));
        } finally {
            payouts.sendTogether(opened);
        }
    }

    private PositionSettler.Outcome settleOne(SettlementRun run, RunStore.Position position, BusinessCalendar calendar) {
        Optional<Merchant> merchant = merchants.find(position.merchantId());
        if (merchant.isEmpty()) {
            return new PositionSettler.Outcome.Skipped("no such merchant");
        }
        try {
            return tx.execute(s -> {
                PositionSettler.Outcome outcome = settler.settle(run.id(), run.requestedBy(), merchant.get(), position.currency(),
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
