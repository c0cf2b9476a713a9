package io.huitong.vault;

/** A sealed value that cannot be opened. The message never contains key material or plaintext. */
public class VaultException extends RuntimeException {

    public VaultException(String message) {
        super(message);
    }
}
