package io.huitong.protocols.iso20022;

import java.time.LocalDate;
import java.util.List;

/**
 * A pain.001 customer credit transfer initiation: a batch of payouts from one of our accounts (one
 * {@code PmtInf}).
 *
 * @param messageId     {@code GrpHdr/MsgId} and {@code PmtInfId}
 * @param debtor        the account paid from ({@code Dbtr}, {@code DbtrAcct}, {@code DbtrAgt})
 * @param executionDate {@code ReqdExctnDt/Dt}
 * @param batchBooking  {@code PmtInf/BtchBookg}: true asks the bank to book the batch as one entry of the debtor's
 *                      statement (named by the batch's {@code PmtInfId}), false as one entry per payout; null leaves
 *                      it to what was agreed with the bank
 */
public record PayoutBatch(String messageId, BankAccount debtor, LocalDate executionDate, List<Payout> payouts, Boolean batchBooking) {

    public PayoutBatch {
        payouts = List.copyOf(payouts);
        if (payouts.isEmpty()) {
            throw new IllegalArgumentException("a batch carries at least one payout");
        }
    }

    /** A batch that leaves booking to what was agreed with the bank. */
    public PayoutBatch(String messageId, BankAccount debtor, LocalDate executionDate, List<Payout> payouts) {
        this(messageId, debtor, executionDate, payouts, null);
    }

    /**
     * One payout ({@code CdtTrfTxInf}).
     *
     * @param reference {@code EndToEndId} and {@code InstrId}: our payout's id
     */
    public record Payout(String reference, long amount, String currency, BankAccount creditor, String remittance) {
    }
}
