package io.huitong.protocols.iso8583;

import java.io.IOException;

/**
 * A frame or message that cannot be read: a frame cut short, a body that is not a message of this
 * interface. Carries the message type when the header could still be read, so that a server can answer
 * "format error" ({@link ResponseCode#FORMAT_ERROR}) instead of dropping the connection. The message
 * never includes the frame's content, which may hold a card number.
 */
public class Iso8583FormatException extends IOException {

    private final int mti;

    public Iso8583FormatException(String message, int mti, Throwable cause) {
        super(message, cause);
        this.mti = mti;
    }

    public Iso8583FormatException(String message) {
        this(message, -1, null);
    }

    /** The type of the unreadable message when its header was readable, otherwise -1. */
    public int mti() {
        return mti;
    }

    public boolean headerReadable() {
        return mti >= 0;
    }
}
