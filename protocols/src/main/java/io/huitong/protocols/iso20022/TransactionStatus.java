package io.huitong.protocols.iso20022;

/**
 * The status of one transaction in a pacs.002 or pain.002 ({@code TxInfAndSts}).
 *
 * @param reference the transaction's reference ({@code OrgnlEndToEndId}): a payment's, refund's or payout's id
 * @param status    {@link TxStatus#ACSC}, {@link TxStatus#ACSP}, {@link TxStatus#PDNG} or {@link TxStatus#RJCT}
 * @param reason    the status reason code when rejected (such as {@link TxStatus#AM04}), else null
 * @param amount    the transaction's amount in minor units ({@code OrgnlTxRef/IntrBkSttlmAmt}), or null when not repeated
 * @param currency  the amount's ISO 4217 currency, or null with no amount
 */
public record TransactionStatus(String reference, String status, String reason, Long amount, String currency) {

    public static TransactionStatus of(String reference, String status, String reason, long amount, String currency) {
        return new TransactionStatus(reference, status, reason, amount, currency);
    }

    public boolean settled() {
        return TxStatus.ACSC.equals(status);
    }

    public boolean rejected() {
        return TxStatus.RJCT.equals(status);
    }

    public boolean pending() {
        return TxStatus.pending(status);
    }
}
