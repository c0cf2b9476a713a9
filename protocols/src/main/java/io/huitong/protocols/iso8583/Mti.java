package io.huitong.protocols.iso8583;

/**
 * Message type indicators of the Huitong acquirer interface, as j8583 numbers them (hexadecimal, so
 * {@code 0x0100} is written {@code "0100"} on the wire).
 */
public final class Mti {

    /** Authorization only: the amount is held, captured later by a {@link #COMPLETION}. */
    public static final int AUTHORIZATION = 0x0100;
    public static final int AUTHORIZATION_RESPONSE = 0x0110;
    /** Financial: a sale (authorized and captured at once) or, by its processing code, a refund. */
    public static final int FINANCIAL = 0x0200;
    public static final int FINANCIAL_RESPONSE = 0x0210;
    /** Completion advice: captures all or part of an earlier authorization; the rest is released. */
    public static final int COMPLETION = 0x0220;
    public static final int COMPLETION_RESPONSE = 0x0230;
    /** Reversal: undoes an earlier authorization, sale or refund; harmless when the original never arrived. */
    public static final int REVERSAL = 0x0400;
    public static final int REVERSAL_RESPONSE = 0x0410;
    /** Network management: echo test and transaction status inquiry, told apart by {@link NetworkCode}. */
    public static final int NETWORK = 0x0800;
    public static final int NETWORK_RESPONSE = 0x0810;

    private Mti() {
    }

    /** The response type of a request type ({@code 0100} → {@code 0110}). */
    public static int responseTo(int request) {
        return request + 0x10;
    }

    public static boolean isRequest(int type) {
        return type == AUTHORIZATION || type == FINANCIAL || type == COMPLETION || type == REVERSAL || type == NETWORK;
    }

    /** The four digits as written on the wire. */
    public static String text(int type) {
        return String.format("%04x", type);
    }
}
