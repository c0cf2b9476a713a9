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
     * @param reference   {@code NtryDtls/TxDtls/Refs/EndToEndId}: the payment's, refund's or payout's id; for a batch booked
     *                    as one entry the batch's reference ({@link Batch#reference()}), else its {@code NtryRef}
     * @param credit      true for money in ({@code CRDT}), false for money out ({@code DBIT})
     * @param bookingDate {@code BookgDt/Dt}
     * @param kind        {@code AddtlNtryInf}: {@code transfer} (a pay-in), {@code payout} (a payout {@code po_...} or a
     *                    wallet withdrawal {@code wdr_...}, or a batch of payouts), {@code return} (a pacs.004 refund of a pay-in)
     *                    or {@code payout_return} (a payout the beneficiary's bank sent back, a credit named by the return's id)
     * @param reversal    {@code RvslInd}: the entry undoes an earlier booking of the same reference (the bank reports the
     *                    transaction as failed after all), in the opposite direction
     * @param batch       {@code NtryDtls/Btch}: the entry books a batch of transactions as one amount; null for an entry of
     *                    one transaction
     */
    public record Entry(String reference, long amount, String currency, boolean credit, LocalDate bookingDate, String kind,
                        boolean reversal, Batch batch) {

        /** An entry of one transaction. */
        public Entry(String reference, long amount, String currency, boolean credit, LocalDate bookingDate, String kind,
                     boolean reversal) {
            this(reference, amount, currency, credit, bookingDate, kind, reversal, null);
        }

        /** An ordinary booking of one transaction, not a reversal. */
        public Entry(String reference, long amount, String currency, boolean credit, LocalDate bookingDate, String kind) {
            this(reference, amount, currency, credit, bookingDate, kind, false, null);
        }

        /** The amount as it moves the balance: positive for credits, negative for debits. */
        public long signedAmount() {
            return credit ? amount : -amount;
        }
    }

    /**
     * A batch the bank booked as one entry ({@code NtryDtls/Btch}): the transactions of one pain.001 payment information
     * block, when the customer asked for batch booking ({@code BtchBookg}) or the bank books so by agreement. The entry's
     * amount is what the batch moved; the bank may list the transactions ({@code TxDtls}) or not.
     *
     * @param messageId            {@code Btch/MsgId}: the pain.001's {@code GrpHdr/MsgId}, or null
     * @param paymentInformationId {@code Btch/PmtInfId}: the pain.001's {@code PmtInfId}, or null
     * @param transactions         {@code Btch/NbOfTxs}: how many transactions the entry books, or -1 when not given
     * @param details              {@code TxDtls}: the transactions as far as the bank lists them, each with its
     *                             {@code Refs/EndToEndId} and {@code Amt}
     */
    public record Batch(String messageId, String paymentInformationId, int transactions, List<Transaction> details) {

        public Batch {
            details = List.copyOf(details);
        }

        /** What names the batch: its payment information id, else its message id (null when the bank gives neither). */
        public String reference() {
            return paymentInformationId != null ? paymentInformationId : messageId;
        }
    }

    /** One transaction of a batch entry ({@code TxDtls}): our reference ({@code EndToEndId}) and its amount in minor units. */
    public record Transaction(String reference, long amount) {
    }
}
