package io.huitong.reconciliation;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Reconciling channels' statements with the ledger. Bad input (an unknown channel, a date in the future, a statement
 * that is malformed or another channel's or date's) is refused with a 400 naming what is wrong, and imports nothing.
 */
public interface Reconciliations {

    /**
     * Imports a statement of {@code channel} and {@code businessDate} read from {@code statement} (not closed here), and
     * starts matching it in the background. The same statement again answers the reconciliation it made and changes
     * nothing; another statement of the same channel and date supersedes that one.
     */
    Reconciliation importStatement(String channel, LocalDate businessDate, InputStream statement, String requestedBy);

    /** Fetches the channel's statement of the date from its {@link StatementSource}, then as {@link #importStatement}. */
    Reconciliation fetchStatement(String channel, LocalDate businessDate, String requestedBy);

    Optional<Reconciliation> find(String id);

    /** Newest first; {@code channel} null for every channel's. */
    Page<Reconciliation> list(String channel, PageRequest page);

    /**
     * The breaks of a reconciliation, newest first; {@code breakClass} null for every class but matched. Matched items are
     * the matches made otherwise than by the same day's reference, which are only counted.
     */
    Page<ReconciliationBreak> breaks(String reconciliationId, String breakClass, PageRequest page);

    Optional<ReconciliationBreak> findBreak(String id);

    /**
     * Every item of a reconciliation (its breaks, then what matched otherwise than by the same day's reference), by class,
     * handed on one at a time as the database gives them: for reports of any size.
     */
    void eachItem(String reconciliationId, java.util.function.Consumer<ReconciliationBreak> item);

    /**
     * Resolves an open break of a current reconciliation: {@code adjust} or {@code write_off} post a ledger correction
     * for the difference, {@code accept} posts nothing; each keeps the operator and the note. A write-off at or above the
     * threshold waits for another operator's approval.
     */
    BreakResolution resolve(String breakId, String action, String note, String operatorId);
}
