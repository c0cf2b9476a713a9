package io.huitong.identity;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Generates API secrets: a readable prefix and 256 random bits in base62 (copy-paste friendly). */
final class SecretKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** 62^43 > 2^256, so 43 characters hold any 32-byte value. */
    private static final int LENGTH = 43;

    private SecretKeys() {
    }

    static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        return prefix + new String(out);
    }
}
