package io.huitong.protocols.iso8583;

/**
 * Network management information codes (field 70) of 0800 messages.
 *
 * <p>ISO 8583 has no standard way to ask what became of an earlier transaction, so this interface
 * defines one in the private range: {@link #STATUS_INQUIRY}. Its 0800 names the transaction by the
 * platform's reference in field 62 (and, when the sender still knows them, the original's MTI, STAN and
 * transmission time in field 90). The 0810 answers response code {@code 00} with the original's
 * {@link TransactionState} in field 63, its authorization code in field 38 and the response code it got
 * in field 44; or {@code 25} when the acquirer has no record of it (it never arrived).
 */
public final class NetworkCode {

    /** Echo test: is the link alive. */
    public static final String ECHO = "301";
    /** Private: status of the transaction named in field 62. */
    public static final String STATUS_INQUIRY = "900";

    private NetworkCode() {
    }
}
