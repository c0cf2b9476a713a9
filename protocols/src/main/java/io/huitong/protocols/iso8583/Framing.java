package io.huitong.protocols.iso8583;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * TCP framing of the acquirer interface: each message is preceded by its length in two bytes,
 * big-endian (so at most 65,535 bytes). Both sides read whole frames, so a message is never parsed from
 * a partial read.
 */
public final class Framing {

    public static final int MAX_LENGTH = 0xFFFF;

    private Framing() {
    }

    /** Writes one frame. The caller serializes writers sharing a stream. */
    public static void write(OutputStream out, byte[] message) throws IOException {
        if (message.length == 0 || message.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a frame holds 1 to " + MAX_LENGTH + " bytes, not " + message.length);
        }
        byte[] frame = new byte[message.length + 2];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, 2, message.length);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one frame's message.
     *
     * @throws EOFException when the stream ends cleanly between frames (the peer closed the connection)
     * @throws Iso8583FormatException when the stream ends inside a frame, or a frame announces no content
     */
    public static byte[] read(InputStream in) throws IOException {
        int high = in.read();
        if (high < 0) {
            throw new EOFException("connection closed");
        }
        int low = in.read();
        if (low < 0) {
            throw new Iso8583FormatException("truncated frame: the connection closed inside the length prefix");
        }
        int length = (high << 8) | low;
        if (length == 0) {
            throw new Iso8583FormatException("empty frame");
        }
        byte[] message = in.readNBytes(length);
        if (message.length < length) {
            throw new Iso8583FormatException("truncated frame: " + message.length + " of " + length + " bytes before the connection closed");
        }
        return message;
    }
}
