package io.huitong.vault;

import java.io.OutputStream;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * A keyed fingerprint being computed: HMAC-SHA256 under a key the vault derived from its fingerprint key for
 * one purpose. It is an output stream, so a value can be written into it piece by piece, or by a
 * serializer, without being assembled in memory first; {@link #hex()} then gives the fingerprint. Nothing
 * written can be read back, and the fingerprint says nothing about the value to whoever lacks the vault's
 * keys. One value per instance, from one thread.
 */
public final class Fingerprint extends OutputStream {

    private final Mac mac;
    private boolean done;

    Fingerprint(Mac mac) {
        this.mac = mac;
    }

    @Override
    public void write(int b) {
        unfinished();
        mac.update((byte) b);
    }

    @Override
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        unfinished();
        mac.update(bytes, offset, length);
    }

    /** The fingerprint of everything written, as 64 lower-case hex digits. Nothing can be written after. */
    public String hex() {
        unfinished();
        done = true;
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Does nothing: serializers close their target when they are done, and the fingerprint is taken after that. */
    @Override
    public void close() {
    }

    private void unfinished() {
        if (done) {
            throw new IllegalStateException("the fingerprint was already taken");
        }
    }
}
