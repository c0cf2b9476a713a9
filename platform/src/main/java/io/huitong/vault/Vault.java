package io.huitong.vault;

import java.nio.charset.StandardCharsets;

/**
 * Seals and opens sensitive values. A sealed value is bound to its context (for example the id of the
 * row it is stored in): opened under another context it fails, so a sealed card number cannot be moved
 * to another payment.
 */
public interface Vault {

    /**
     * The sealed form of {@code plaintext}: printable, safe to store, useless without the keyring's data keys (and so
     * without a master key that wraps them). It names the data key that sealed it, which the keyring keeps for as long as
     * the installation lives: a value sealed once opens after any master key rotation.
     */
    String seal(String plaintext, String context);

    /** The plaintext of a value sealed under {@code context}; fails if the value was altered or sealed elsewhere. */
    String open(String sealed, String context);

    /**
     * Starts a keyed fingerprint (HMAC-SHA256) under a key derived from the keyring's fingerprint key for
     * {@code purpose}: write the value into it, then take {@link Fingerprint#hex()}. Equal values give equal
     * fingerprints under the same purpose, for the installation's whole life (master key rotations do not change
     * them); without the keys a fingerprint tells nothing about its value, not even by trying every candidate.
     * Each purpose has its own key, so fingerprints of one purpose can't be matched against another's. The
     * derived keys are never stored.
     */
    Fingerprint startFingerprint(String purpose);

    /** The keyed fingerprint of {@code value} for {@code purpose}, as 64 hex digits (see {@link #startFingerprint}). */
    default String fingerprint(String purpose, byte[] value) {
        Fingerprint fingerprint = startFingerprint(purpose);
        fingerprint.write(value);
        return fingerprint.hex();
    }

    /**
     * The keyed fingerprint of {@code value} (UTF-8) for {@code purpose}. Card numbers are matched this way
     * (risk lists, velocity), never stored.
     */
    default String fingerprint(String purpose, String value) {
        return fingerprint(purpose, value.getBytes(StandardCharsets.UTF_8));
    }
}
