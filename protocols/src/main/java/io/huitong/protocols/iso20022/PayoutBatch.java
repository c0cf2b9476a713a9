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
 */
public record PayoutBatch(String messageId, BankAccount debtor, LocalDate executionDate, List<Payout> payouts) {

    public PayoutBatch {
        payouts = List.copyOf(payouts);
        if (payouts.isEmpty()) {
            throw new IllegalArgumentException("a batch carries at least one payout");
        }
    }

    /**
     * One payout ({@code CdtTrfTxInf}).
     *
     * @param reference {@code EndToEndId} and {@code InstrId}: our payout's id
     */
    public record Payout(String reference, long amount, String currency, BankAccount creditor, String remittance) {
    }
}
