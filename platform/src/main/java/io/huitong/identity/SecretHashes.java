package io.huitong.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashing of high-entropy API secrets. A plain SHA-256 is enough for generated keys (they can't be
 * guessed, so a slow hash adds nothing); passwords need Argon2id instead.
 */
final class SecretHashes {

    private SecretHashes() {
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Constant-time, so response timing tells an attacker nothing about how close a guess was. */
    static boolean matches(String presented, byte[] expectedHash) {
        return presented != null && MessageDigest.isEqual(sha256(presented), expectedHash);
    }
}
