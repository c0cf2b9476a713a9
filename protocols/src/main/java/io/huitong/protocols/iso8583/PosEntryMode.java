package io.huitong.protocols.iso8583;

/** POS entry modes (field 22). The platform only takes card-not-present payments. */
public final class PosEntryMode {

    /** Manually keyed PAN, no PIN entry capability: e-commerce. */
    public static final String KEYED_CARD_NOT_PRESENT = "010";

    private PosEntryMode() {
    }
}
