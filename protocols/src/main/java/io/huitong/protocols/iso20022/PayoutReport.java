package io.huitong.protocols.iso20022;

import java.util.List;

/**
 * A pain.002 customer payment status report answering a pain.001: each payout's status.
 *
 * @param originalMessageId the batch's {@code MsgId}
 * @param groupStatus       {@code GrpSts}: ACSC when every payout settled, RJCT when none did, else PART (or
 *                          ACSP while some are pending)
 */
public record PayoutReport(String messageId, String originalMessageId, String groupStatus, List<TransactionStatus> transactions) {

    public PayoutReport {
        transactions = List.copyOf(transactions);
    }
}
