package io.huitong.protocols.iso20022;

/**
 * A camt.056 FI-to-FI payment cancellation request for one transfer not yet settled.
 *
 * @param caseId    {@code Case/Id} and {@code CxlId}
 * @param reference {@code OrgnlEndToEndId}: the payment to cancel
 * @param reason    {@code CxlRsnInf/Rsn/Cd}, such as {@code CUST}
 */
public record CancellationRequest(String caseId, String reference, String reason) {
}
