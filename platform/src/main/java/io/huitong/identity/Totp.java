package io.huitong.identity;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238) as every authenticator app reads it: HMAC-SHA1, 6 digits, 30-second steps, a 160-bit
 * secret in base32. A code is accepted for its own step and one step either side (clock drift), and only
 * for a step later than the last one accepted, so a code can't be used twice. The second factor of the institution's
 * operators and of merchants' staff alike.
 */
public final class Totp {

    public static final String ISSUER = "Huitong";
    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(PERIOD, DIGITS);

    private Totp() {
    }

    public static Totp sha1() {
        return new Totp();
    }

    /** A new secret, base32 without padding. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    public static String uri(String secret, String account) {
        String label = encode(ISSUER + ":" + account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(ISSUER) + "&algorithm=SHA1&digits=" + DIGITS
                + "&period=" + PERIOD.toSeconds();
    }

    /** The step the code belongs to, if it is right for {@code now} (± one step) and later than {@code lastStep}. */
    public OptionalLong verify(String secret, String code, Instant now, long lastStep) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String given = code.replace(" ", "");
        if (!given.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(unbase32(secret), "HmacSHA1");
        long current = now.getEpochSecond() / PERIOD.toSeconds();
        long found = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = code(key, step);
            // every step is compared, in constant time, whatever matched before
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))
                    && step > lastStep && found < 0) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The code an authenticator app shows for this secret at {@code at}. */
    public String codeAt(String secret, Instant at) {
        return code(new SecretKeySpec(unbase32(secret), "HmacSHA1"), at.getEpochSecond() / PERIOD.toSeconds());
    }

    private String code(SecretKeySpec key, long step) {
        try {
            int value = generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * PERIOD.toSeconds()));
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", value);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 refused a TOTP secret", e);
        }
    }

    public static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    public static byte[] unbase32(String text) {
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : clean.toCharArray()) {
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
