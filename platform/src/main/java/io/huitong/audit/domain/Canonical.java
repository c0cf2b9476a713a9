package io.huitong.audit.domain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.util.encoders.Hex;

/**
 * Feeds fields into a digest without ambiguity: each one as its length (4 bytes, -1 for null) and its
 * UTF-8 bytes, so that no two different lists of fields give the same bytes.
 */
final class Canonical {

    private final Digest digest;
    private final byte[] word = new byte[8];

    Canonical(HashAlgorithm algorithm) {
        this.digest = algorithm.digest();
    }

    Canonical text(String value) {
        if (value == null) {
            length(-1);
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        length(bytes.length);
        digest.update(bytes, 0, bytes.length);
        return this;
    }

    Canonical number(long value) {
        length(8);
        for (int i = 7; i >= 0; i--) {
            word[7 - i] = (byte) (value >>> (8 * i));
        }
        digest.update(word, 0, 8);
        return this;
    }

    /** The digest of everything fed, as lower-case hex. */
    String hex() {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    private void length(int n) {
        word[0] = (byte) (n >>> 24);
        word[1] = (byte) (n >>> 16);
        word[2] = (byte) (n >>> 8);
        word[3] = (byte) n;
        digest.update(word, 0, 4);
    }
}
