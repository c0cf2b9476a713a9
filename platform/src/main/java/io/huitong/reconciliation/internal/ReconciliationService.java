package io.huitong.reconciliation.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reconciliation.BreakResolution;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.ReconciliationBreak;
import io.huitong.reconciliation.Reconciliations;
import io.huitong.reconciliation.domain.BreakClass;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Reconciliations}: imports through {@link StatementImports}, breaks through {@link BreakBook} and
 * {@link BreakResolver}. Timing breaks are aged before breaks are shown, so that what an operator sees is as of now.
 */
final class ReconciliationService implements Reconciliations {

    private final StatementImports imports;
    private final ReconciliationStore store;
    private final BreakBook breaks;
    private final BreakResolver resolver;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    ReconciliationService(StatementImports imports, ReconciliationStore store, BreakBook breaks, BreakResolver resolver, TransactionTemplate tx,
                          TransactionTemplate readOnly, Clock clock) {
        this.imports = imports;
        this.store = store;
        this.breaks = breaks;
        this.resolver = resolver;
        this.tx = tx;
        this.readOnly = readOnly;
        this.clock = clock;
    }

    @Override
    public Reconciliation importStatement(String channel, LocalDate businessDate, InputStream statement, String requestedBy) {
        return find(imports.upload(channel, businessDate, statement, requestedBy)).orElseThrow();
    }

    @Override
    public Reconciliation fetchStatement(String channel, LocalDate businessDate, String requestedBy) {
        return find(imports.fetch(channel, businessDate, requestedBy)).orElseThrow();
    }

    @Override
    public Optional<Reconciliation> find(String id) {
        age();
        return store.find(id).map(this::view);
    }

    @Override
    public Page<Reconciliation> list(String channel, PageRequest page) {
        age();
        return store.list(channel, page).map(this::view);
    }

    @Override
    public Page<ReconciliationBreak> breaks(String reconciliationId, String breakClass, PageRequest page) {
        if (breakClass != null && BreakClass.ofWire(breakClass).isEmpty()) {
            throw ApiException.invalid("class", "class must be one of matched, missing_in_ledger, missing_in_channel, amount_mismatch,"
                    + " status_mismatch, currency_mismatch, duplicate, timing");
        }
        if (store.find(reconciliationId).isEmpty()) {
            throw ApiException.notFound("reconciliation", reconciliationId);
        }
        age();
        return breaks.list(reconciliationId, breakClass, page);
    }

    @Override
    public Optional<ReconciliationBreak> findBreak(String id) {
        age();
        return breaks.find(id);
    }

    /** In a read-only transaction, so that PostgreSQL streams the items from a cursor instead of reading them all first. */
    @Override
    public void eachItem(String reconciliationId, java.util.function.Consumer<ReconciliationBreak> item) {
        readOnly.executeWithoutResult(s -> breaks.each(reconciliationId, item));
    }

    @Override
    public BreakResolution resolve(String breakId, String action, String note, String operatorId) {
        age();
        return resolver.resolve(breakId, action, note, operatorId);
    }

    /** Ages timing breaks past the grace period; also done periodically, and after each matching. */
    void age() {
        tx.executeWithoutResult(s -> breaks.age(DbTimes.now(clock)));
    }

    private Reconciliation view(ReconciliationStore.Row r) {
        return new Reconciliation(r.id(), r.channel(), r.businessDate(), r.format(), r.status(), r.done(), r.total(), store.counts(r.id()),
                r.supersedes(), r.supersededBy(), r.reserve(), r.failure(), r.requestedBy(), r.createdAt(), r.updatedAt());
    }
}
