package io.huitong.vault;

/**
 * Seals and opens sensitive values. A sealed value is bound to its context (for example the id of the
 * row it is stored in): opened under another context it fails, so a sealed card number cannot be moved
 * to another payment.
 */
public interface Vault {

    /** The sealed form of {@code plaintext}: printable, safe to store, useless without the master key. */
    String seal(String plaintext, String context);

    /** The plaintext of a value sealed under {@code context}; fails if the value was altered or sealed elsewhere. */
    String open(String sealed, String context);

    /**
     * A keyed fingerprint of {@code value} (HMAC-SHA256, hex) under a key derived from the master key for
     * {@code purpose}: equal values give equal fingerprints, and the value cannot be found from one without
     * the master key. Card numbers are matched this way (risk lists, velocity), never stored.
     */
    String fingerprint(String purpose, String value);
}
