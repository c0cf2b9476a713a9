package io.huitong.protocols.iso8583;

import java.util.Locale;

/** What an acquirer's book says about a transaction; field 63 of a status answer. */
public enum TransactionState {
    /** Authorized, not (yet) captured. */
    AUTHORIZED,
    /** Captured: a sale, or a completed authorization. */
    CAPTURED,
    /** A refund that was carried out. */
    REFUNDED,
    /** Undone by a reversal: no money moved. */
    REVERSED,
    /** Refused; the response code it got is in field 44. */
    DECLINED;

    /** The word on the wire and in the simulator's book. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named by a wire word. */
    public static TransactionState ofWire(String text) {
        for (TransactionState s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown transaction state: " + text);
    }
}
