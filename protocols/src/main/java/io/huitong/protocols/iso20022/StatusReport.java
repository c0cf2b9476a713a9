package io.huitong.protocols.iso20022;

import java.util.List;

/**
 * A pacs.002 FI-to-FI payment status report: the answer to a pacs.008, pacs.028 or pacs.004, and the
 * notification the bank pushes when a pending transfer settles or fails.
 *
 * @param messageId           {@code GrpHdr/MsgId}
 * @param originalMessageId   {@code OrgnlGrpInfAndSts/OrgnlMsgId}: the message answered
 * @param originalMessageName {@code OrgnlMsgNmId}, such as {@code pacs.008.001.08}
 */
public record StatusReport(String messageId, String originalMessageId, String originalMessageName, List<TransactionStatus> transactions) {

    public StatusReport {
        transactions = List.copyOf(transactions);
    }

    /** The one transaction a single-transaction report is about. */
    public TransactionStatus single() {
        if (transactions.size() != 1) {
            throw new Iso20022FormatException("the status report carries " + transactions.size() + " transactions, not one");
        }
        return transactions.getFirst();
    }
}
