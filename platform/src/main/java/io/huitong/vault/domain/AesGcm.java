package io.huitong.vault.domain;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM as the vault uses it everywhere: a fresh 96-bit nonce per message, a 128-bit tag, and the output
 * {@code nonce | ciphertext | tag} in one array.
 */
public final class AesGcm {

    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A cipher per thread, initialised afresh for every message: looking the transformation up among the providers
     * cost as much as sealing a card number. A GCM cipher refuses to encrypt twice under one key and nonce, and every
     * message here has a new nonce.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private AesGcm() {
    }

    /** {@code nonce | ciphertext | tag} of {@code plaintext} under {@code key}, authenticating {@code aad} as well. */
    public static byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * The plaintext of {@code nonce | ciphertext | tag}; a {@link GeneralSecurityException} when it is too short, was
     * altered, or was sealed under another key or {@code aad}.
     */
    public static byte[] open(SecretKey key, byte[] in, byte[] aad) throws GeneralSecurityException {
        if (in.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("truncated");
        }
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    }
}
