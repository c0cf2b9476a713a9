package io.huitong.protocols.iso20022;

/**
 * A pacs.028 FI-to-FI payment status request about one transaction.
 *
 * @param reference {@code OrgnlEndToEndId}: the payment's, refund's or payout's id asked about
 */
public record StatusRequest(String messageId, String reference) {
}
