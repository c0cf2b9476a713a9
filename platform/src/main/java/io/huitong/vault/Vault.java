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
}
