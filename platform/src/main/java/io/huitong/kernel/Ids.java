package io.huitong.kernel;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opaque, type-prefixed ids ({@code pay_01JD...}). The part after the prefix is a Crockford base32
 * encoding of 48 bits of milliseconds followed by 80 random bits, so ids of one type sort by creation
 * time — lists order by id, newest first, and cursors are plain ids.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(String prefix) {
        return prefix + "_" + sortable(clock.millis());
    }

    static String sortable(long millis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        long time = millis & 0xFFFF_FFFF_FFFFL;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xFF);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (random[i] & 0xFF);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
