package io.huitong.protocols.iso20022;

/**
 * A camt.029 resolution of investigation answering a camt.056.
 *
 * @param caseId    the request's case
 * @param reference {@code OrgnlEndToEndId}
 * @param status    {@link #CANCELLED} ({@code Sts/Conf} = CNCL, {@code TxCxlSts} = ACCR) or {@link #REJECTED}
 *                  ({@code Sts/Conf} = RJCR, {@code TxCxlSts} = RJCR)
 * @param reason    why a cancellation was refused ({@code CxlStsRsnInf/Rsn/Cd}): {@link #ALREADY_SETTLED} or
 *                  {@link #ALREADY_REJECTED}; null when cancelled
 */
public record CancellationResolution(String caseId, String reference, String status, String reason) {

    public static final String CANCELLED = "CNCL";
    public static final String REJECTED = "RJCR";
    /** ExternalPaymentCancellationRejection1Code: the payment was already settled (ARDT, "already returned") */
    public static final String ALREADY_SETTLED = "ARDT";
    /** The transfer had already failed: nothing left to cancel (answered as cancelled). */
    public static final String ALREADY_REJECTED = "AREJ";

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }
}
