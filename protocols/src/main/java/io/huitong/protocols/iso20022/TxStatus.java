package io.huitong.protocols.iso20022;

/**
 * Transaction status codes ({@code TxSts}, ISO external code set ExternalPaymentTransactionStatus1Code) and the
 * status reasons ({@code StsRsnInf/Rsn/Cd}) this interface uses.
 */
public final class TxStatus {

    /** Settled: the money moved. */
    public static final String ACSC = "ACSC";
    /** Accepted, settlement in process: the final status follows in a pushed pacs.002. */
    public static final String ACSP = "ACSP";
    /** Pending: as ACSP. */
    public static final String PDNG = "PDNG";
    /** Rejected: no money moved; a reason says why. */
    public static final String RJCT = "RJCT";

    /** Insufficient funds on the debtor's account. */
    public static final String AM04 = "AM04";
    /** Incorrect account number. */
    public static final String AC01 = "AC01";
    /** Closed account. */
    public static final String AC04 = "AC04";
    /** Blocked account. */
    public static final String AC06 = "AC06";
    /** Cancelled at the sender's request (camt.056) before settlement. */
    public static final String CANCELLED = "DS02";
    /** Not settled before the instruction expired. */
    public static final String EXPIRED = "AB05";
    /** Proprietary reason of a pacs.002 answered with HTTP 404: the bank has no transaction of that reference. */
    public static final String NOT_FOUND = "NOT_FOUND";

    private TxStatus() {
    }

    /** True for ACSP and PDNG: accepted, final status to follow. */
    public static boolean pending(String status) {
        return ACSP.equals(status) || PDNG.equals(status);
    }
}
