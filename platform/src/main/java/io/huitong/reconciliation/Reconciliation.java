package io.huitong.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One channel's statement of one business date, matched against the ledger. {@code status}: {@code matching} while
 * matching runs (progress in {@code done} of {@code total} statement lines), then {@code completed} or {@code failed};
 * {@code superseded} once another statement of the same channel and date was imported.
 *
 * @param reserve for a bank statement, its balances rolled forward against our clearing account; else null
 */
public record Reconciliation(String id, String channel, LocalDate businessDate, String format, String status, long done, long total,
                             Counts counts, String supersedes, String supersededBy, Reserve reserve, String failure, String requestedBy,
                             Instant createdAt, Instant updatedAt) {

    public static final String MATCHING = "matching";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SUPERSEDED = "superseded";

    /**
     * What matching found: {@code matched} counts the statement lines that matched (and our records matched to a line
     * of another statement of the channel); the others count breaks of each class, open or resolved.
     */
    public record Counts(long matched, long missingInLedger, long missingInChannel, long amountMismatch, long statusMismatch,
                         long currencyMismatch, long duplicate, long timing) {

        public long breaks() {
            return missingInLedger + missingInChannel + amountMismatch + statusMismatch + currencyMismatch + duplicate + timing;
        }
    }

    /**
     * The bank statement's roll-forward ({@code closing = opening + credits - debits}) beside the ledger's: our clearing
     * account's movements of the day ({@code ledgerCredits} money in, {@code ledgerDebits} money out) rolled forward
     * from the statement's opening balance give {@code ledgerBalance}; {@code difference} is {@code closing - ledgerBalance}.
     * Minor units of {@code currency}. The ledger's side is null until matching is done.
     */
    public record Reserve(String currency, long opening, long credits, long debits, long closing, Long ledgerCredits, Long ledgerDebits,
                          Long ledgerBalance, Long difference) {
    }
}
