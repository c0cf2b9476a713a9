package io.huitong.protocols.iso8583;

/**
 * Field 90, original data elements: the MTI, STAN and transmission date-time of the transaction a
 * completion, reversal, refund or status inquiry refers to, followed by the acquiring and forwarding
 * institution ids (unused here, zeros). A sender that no longer knows the original's STAN (after a
 * restart) sends zeros; the acquirer then finds the original by its reference in field 62 or 48.
 */
public record OriginalData(int mti, String stan, String transmissionDateTime) {

    private static final String INSTITUTIONS = "0".repeat(22);

    public OriginalData {
        requireDigits(stan, 6, "stan");
        requireDigits(transmissionDateTime, 10, "transmissionDateTime");
    }

    /** Nothing known about the original but its type. */
    public static OriginalData unknown(int mti) {
        return new OriginalData(mti, "000000", "0000000000");
    }

    public String format() {
        return Mti.text(mti) + stan + transmissionDateTime + INSTITUTIONS;
    }

    public static OriginalData parse(String text) {
        if (text == null || text.length() != 42) {
            throw new IllegalArgumentException("original data elements must be 42 digits");
        }
        return new OriginalData(Integer.parseInt(text.substring(0, 4), 16), text.substring(4, 10), text.substring(10, 20));
    }

    private static void requireDigits(String value, int length, String name) {
        if (value == null || value.length() != length || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be " + length + " digits");
        }
    }
}
