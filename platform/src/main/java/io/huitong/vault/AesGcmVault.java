package io.huitong.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and the context as additional authenticated data.
 * Sealed values read {@code v1.<key id>.<base64url(nonce | ciphertext | tag)>}; the key id (the first
 * bytes of the key's SHA-256) names the key that sealed it, so keys can be rotated later.
 */
final class AesGcmVault implements Vault {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String HMAC = "HmacSHA256";
    private static final String FINGERPRINT_LABEL = "huitong-fingerprint:";

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> fingerprintKeys = new ConcurrentHashMap<>();

    AesGcmVault(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyId(keyBytes);
    }

    static String keyId(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    String keyId() {
        return keyId;
    }

    /**
     * Fingerprint keys are HMAC(master key, "huitong-fingerprint:" + purpose): one key per purpose, never
     * the master key itself. They live in memory only, derived again at each start. The derivation must
     * not change: stored fingerprints (risk lists, idempotency keys) are compared with new ones.
     */
    @Override
    public Fingerprint startFingerprint(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a fingerprint needs a purpose");
        }
        SecretKey derived = fingerprintKeys.computeIfAbsent(purpose, this::deriveFingerprintKey);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(derived);
            return new Fingerprint(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private SecretKey deriveFingerprintKey(String purpose) {
        byte[] master = key.getEncoded();
        try {
            Mac kdf = Mac.getInstance(HMAC);
            kdf.init(new SecretKeySpec(master, HMAC));
            byte[] derived = kdf.doFinal((FINGERPRINT_LABEL + purpose).getBytes(StandardCharsets.UTF_8));
            SecretKey fingerprintKey = new SecretKeySpec(derived, HMAC);
            Arrays.fill(derived, (byte) 0);
            return fingerprintKey;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    @Override
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    @Override
    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new VaultException("not a sealed value");
        }
        if (!keyId.equals(parts[1])) {
            throw new VaultException("the value was sealed with another master key (" + parts[1] + ")");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length <= NONCE_BYTES) {
                throw new VaultException("the sealed value is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new VaultException("the sealed value is not valid base64url");
        } catch (GeneralSecurityException e) {
            // says nothing about the content: a failed tag check means altered, or sealed under another context
            throw new VaultException("the sealed value does not open under this key and context");
        }
    }
}
