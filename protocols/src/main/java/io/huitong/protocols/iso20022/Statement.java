package io.huitong.protocols.iso20022;

import java.time.LocalDate;
import java.util.List;

/**
 * A camt.053 bank-to-customer statement of one account for one business day ({@code Stmt}, the day in
 * Asia/Shanghai): booked entries, an opening ({@code OPBD}) and a closing ({@code CLBD}) booked balance, and a
 * summary of the entries ({@code TxsSummry/TtlNtries}: their number, the sum of their amounts and the net).
 * Amounts are in minor units; a negative balance is written as a debit balance. Large statements are read
 * one entry at a time by {@link io.huitong.protocols.statements.BankStatementReader}.
 *
 * @param account the account the statement is of (its number, which the account's owner knows)
 */
public record Statement(String messageId, String statementId, BankAccount account, String currency, LocalDate date,
                        long openingBalance, long closingBalance, List<Entry> entries) {

    public Statement {
        entries = List.copyOf(entries);
    }

    /**
     * One booked entry ({@code Ntry}).
     *
     * @param reference   {@code NtryDtls/TxDtls/Refs/EndToEndId}: the payment's, refund's or payout's id
     * @param credit      true for money in ({@code CRDT}), false for money out ({@code DBIT})
     * @param bookingDate {@code BookgDt/Dt}
     * @param kind        {@code AddtlNtryInf}: {@code transfer} (a pay-in), {@code payout} (a payout {@code po_...} or a
     *                    wallet withdrawal {@code wdr_...}) or {@code return} (a pacs.004 refund of a pay-in)
     * @param reversal    {@code RvslInd}: the entry undoes an earlier booking of the same reference (the bank reports the
     *                    transaction as failed after all), in the opposite direction
     */
    public record Entry(String reference, long amount, String currency, boolean credit, LocalDate bookingDate, String kind,
                        boolean reversal) {

        /** An ordinary booking, not a reversal. */
        public Entry(String reference, long amount, String currency, boolean credit, LocalDate bookingDate, String kind) {
            this(reference, amount, currency, credit, bookingDate, kind, false);
        }

        /** The amount as it moves the balance: positive for credits, negative for debits. */
        public long signedAmount() {
            return credit ? amount : -amount;
        }
    }
}
