package io.huitong.protocols.iso20022;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on a status report the bank pushes to the platform: header
 * {@code Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC taken with the shared key over
 * {@code <t>.<body bytes>}. A signature older or newer than the tolerance is stale (a replay). The key is
 * never part of a message or a {@code toString}.
 */
public final class NotificationSignature {

    public static final String HEADER = "Signature";

    /** What a check found. */
    public enum Verdict { VALID, MISSING, MALFORMED, STALE, MISMATCH }

    private final byte[] key;

    public NotificationSignature(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("a signing key has at least 16 characters");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code body} signed at {@code unixSeconds}. */
    public String sign(long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(unixSeconds, body));
    }

    /** Checks a header against the body, accepting timestamps within {@code toleranceSeconds} of {@code nowSeconds}. */
    public Verdict verify(String header, byte[] body, long nowSeconds, long toleranceSeconds) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String p = part.trim();
            try {
                if (p.startsWith("t=")) {
                    t = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    given = HexFormat.of().parseHex(p.substring(3));
                }
            } catch (IllegalArgumentException e) {
                return Verdict.MALFORMED;
            }
        }
        if (t == null || given == null) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(nowSeconds - t) > toleranceSeconds) {
            return Verdict.STALE;
        }
        return MessageDigest.isEqual(mac(t, body), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    private byte[] mac(long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "NotificationSignature[HMAC-SHA256]";
    }
}
