package io.huitong.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code reconciliation.completed}: a statement was matched with the ledger. Published in the transaction that records
 * it (listen with {@code @TransactionalEventListener} to act once it commits), for whoever follows the channels' books:
 * alerts on breaks, the daily close.
 *
 * @param breaks the breaks it found, open or resolved (carried over), of every class
 */
public record ReconciliationCompleted(String reconciliation, String channel, LocalDate businessDate, long lines, Reconciliation.Counts counts,
                                      long breaks, Instant completedAt) {

    public static final String TYPE = "reconciliation.completed";
}
