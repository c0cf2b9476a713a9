package io.huitong.protocols.iso20022;

/**
 * A pacs.004 payment return: part or all of a settled credit transfer sent back to its debtor (a refund).
 *
 * @param returnId          {@code RtrId}: our refund's id, which names the return for good
 * @param originalReference {@code OrgnlEndToEndId}: the payment returned
 * @param amount            {@code RtrdIntrBkSttlmAmt} in minor units
 * @param reason            {@code RtrRsnInf/Rsn/Cd}, such as {@code CUST} (requested by the customer)
 */
public record PaymentReturn(String messageId, String returnId, String originalReference, long amount, String currency, String reason) {
}
