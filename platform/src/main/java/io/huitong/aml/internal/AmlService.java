package io.huitong.aml.internal;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.AmlReport;
import io.huitong.aml.AmlReportQuery;
import io.huitong.aml.AmlReports;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.aml.domain.AmlRules;
import io.huitong.aml.domain.Finding;
import io.huitong.aml.domain.LargeValueRule;
import io.huitong.aml.domain.Rates;
import io.huitong.aml.domain.Txn;
import io.huitong.kernel.ClusterSingleton;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records movements (in the caller's transaction) and evaluates them: one evaluator at a time across
 * instances (it holds the {@code aml_evaluator} row's lock), movements in id order, each against the
 * customer's movements around it; a finding becomes a report, or adds its transactions to the report of the
 * same type, rule, customer and business day.
 */
final class AmlService implements AmlMonitoring, AmlReports {

    private static final Logger log = LoggerFactory.getLogger(AmlService.class);
    private static final int BATCH = 200;
    /** The movements the evaluator remembers, of the customers it met last. */
    private static final long REMEMBERED_MOVEMENTS = 200_000;

    private final AmlStore store;
    private final AmlRules rules;
    private final Rates rates;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final ZoneId dayZone;
    private final Map<String, String> descriptions;
    private final Map<String, List<String>> rulesByType;
    private final CustomerWindows windows = new CustomerWindows(REMEMBERED_MOVEMENTS);

    AmlService(AmlStore store, AmlRules rules, Rates rates, TransactionTemplate tx, Clock clock, Ids ids, ZoneId dayZone) {
        this.store = store;
        this.rules = rules;
        this.rates = rates;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.dayZone = dayZone;
        Map<String, String> d = new java.util.HashMap<>();
        for (LargeValueRule r : LargeValueRule.values()) {
            d.put(r.wireName(), r.description());
        }
        Map<String, String> suspicious = new java.util.LinkedHashMap<>();
        suspicious.put("structuring", "Several amounts just under a large-value threshold within a short window");
        suspicious.put("rapid_in_out", "Funds received and sent on within hours");
        suspicious.put("dormant_reactivated", "A dormant account suddenly active");
        suspicious.put("fan_in", "Funds from many distinct counterparties within a short window");
        suspicious.put("fan_out", "Funds to many distinct counterparties within a short window");
        suspicious.put("round_amounts", "Several round amounts within a short window");
        d.putAll(suspicious);
        this.descriptions = Map.copyOf(d);
        this.rulesByType = Map.of(
                AmlReport.LARGE_VALUE, java.util.Arrays.stream(LargeValueRule.values()).map(LargeValueRule::wireName).toList(),
                AmlReport.SUSPICIOUS, List.copyOf(suspicious.keySet()));
    }

    // ---- recording ----

    @Override
    public AmlTransaction record(NewAmlTransaction m) {
        AmlTransaction t = transaction(m);
        return tx.execute(s -> store.insert(t, m.sourceRef(), DbTimes.now(clock)) ? t : store.bySource(m.sourceRef()).orElseThrow());
    }

    /** Records the movements with one statement, in the caller's transaction; a source recorded before is skipped. */
    void recordAll(List<NewAmlTransaction> movements) {
        if (!movements.isEmpty()) {
            store.insertAll(movements.stream().map(this::transaction).toList(), movements.stream().map(NewAmlTransaction::sourceRef).toList(),
                    DbTimes.now(clock));
        }
    }

    private AmlTransaction transaction(NewAmlTransaction m) {
        return new AmlTransaction(ids.next("amltx"), AmlTransaction.OBJECT, m.kind(), m.customer(), m.customerType(),
                m.direction(), m.counterparty(), m.merchant(), m.reference(), m.amount(), m.currency(), m.crossBorder(), m.cash(),
                m.occurredAt(), LocalDate.ofInstant(m.occurredAt(), dayZone));
    }

    AmlStore store() {
        return store;
    }

    // ---- evaluating ----

    @Scheduled(fixedDelayString = "${huitong.aml.evaluate-interval:2s}", initialDelayString = "${huitong.aml.evaluate-interval:2s}")
    @ClusterSingleton("aml-evaluation")
    void poll() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("AML evaluation failed; retrying on the next run: {}", e.toString());
        }
    }

    @Override
    public int catchUp() {
        int total = 0;
        while (true) {
            Batch batch;
            try {
                batch = tx.execute(s -> {
                    long before = store.lockEvaluator();
                    windows.continueFrom(before);
                    List<AmlTransaction> pending = store.pending(BATCH);
                    if (!pending.isEmpty()) {
                        evaluate(pending);
                        store.evaluated(pending.stream().map(AmlTransaction::id).toList());
                    }
                    return new Batch(before + 1, pending.size());
                });
            } catch (RuntimeException e) {
                windows.forget();
                throw e;
            }
            windows.committed(batch.count());
            total += batch.size();
            if (batch.size() < BATCH) {
                return total;
            }
        }
    }

    /** A batch evaluated: the evaluator's count of batches with it, and how many movements it held. */
    private record Batch(long count, int size) {
    }

    /**
     * Evaluates the movements in order, each against its customer's movements around it: from the longest window before
     * the earliest business day of the batch on, read once for the batch's customers not remembered from then.
     */
    private void evaluate(List<AmlTransaction> batch) {
        Instant from = batch.stream().map(t -> dayStart(t.businessDay())).min(Instant::compareTo).orElseThrow()
                .minus(rules.settings().longestWindow());
        Map<String, CustomerWindows.Window> around = windows.around(batch, from, store);
        for (AmlTransaction t : batch) {
            Instant dayStart = dayStart(t.businessDay());
            Instant dayEnd = dayStart(t.businessDay().plusDays(1));
            Instant windowStart = dayStart.minus(rules.settings().longestWindow());
            CustomerWindows.Window customer = around.get(t.customer());
            List<Txn> history = customer.movements().stream()
                    .filter(h -> !h.occurredAt().isBefore(windowStart) && h.occurredAt().isBefore(dayEnd))
                    .map(AmlStore::domain).toList();
            report(rules.evaluate(AmlStore.domain(t), history, customer.lastBefore(t)));
        }
    }

    private Instant dayStart(LocalDate day) {
        return day.atStartOfDay(dayZone).toInstant();
    }

    private void report(List<Finding> findings) {
        Instant now = DbTimes.now(clock);
        for (Finding f : findings) {
            AmlStore.ReportRow report = store.reportByKey(f.type(), f.rule(), f.customer(), f.businessDay()).orElseGet(() -> {
                AmlStore.ReportRow fresh = new AmlStore.ReportRow(ids.next("amlr"), f.type(), f.rule(), f.customer(),
                        f.organisation() ? AmlTransaction.ORGANISATION : AmlTransaction.INDIVIDUAL, f.businessDay(), now, now);
                store.insertReport(fresh);
                log.info("AML {} report {} ({}) opened for business day {}", f.type(), fresh.id(), f.rule(), f.businessDay());
                return fresh;
            });
            store.link(report.id(), f.transactionIds(), now);
        }
    }

    // ---- reading ----

    @Override
    public Page<AmlReport> list(AmlReportQuery query, PageRequest page) {
        return store.reports(query, page).map(this::view);
    }

    @Override
    public Map<String, List<String>> rules() {
        return rulesByType;
    }

    @Override
    public Optional<AmlReport> find(String id) {
        return store.report(id).map(this::view);
    }

    @Override
    public List<AmlReport> export(String type, LocalDate businessDay, String customer, int limit) {
        return store.reports(type, businessDay, customer, limit).stream().map(this::view).toList();
    }

    private AmlReport view(AmlStore.ReportRow r) {
        List<AmlTransaction> transactions = store.reportTransactions(r.id());
        List<String> merchants = transactions.stream().map(AmlTransaction::merchant).filter(java.util.Objects::nonNull).distinct().toList();
        long cny = transactions.stream().mapToLong(t -> rates.toCny(t.amount(), t.currency())).sum();
        return new AmlReport(r.id(), AmlReport.OBJECT, r.type(), r.rule(), descriptions.getOrDefault(r.rule(), r.rule()), r.customer(),
                r.customerType(), null, r.businessDay(), merchants, cny, transactions, r.createdAt(), r.updatedAt());
    }
}
