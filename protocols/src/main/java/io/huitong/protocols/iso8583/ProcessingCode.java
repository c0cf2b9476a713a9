package io.huitong.protocols.iso8583;

/** Processing codes (field 3) the acquirer accepts: the transaction type in the first two digits. */
public final class ProcessingCode {

    /** Goods and services: an authorization (0100) or a sale (0200). */
    public static final String PURCHASE = "000000";
    /** Refund of an earlier purchase (0200, naming the original in field 62). */
    public static final String REFUND = "200000";

    private ProcessingCode() {
    }

    public static boolean isRefund(String code) {
        return code != null && code.startsWith("20");
    }
}
