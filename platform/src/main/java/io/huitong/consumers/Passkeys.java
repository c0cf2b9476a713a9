package io.huitong.consumers;

import java.util.List;

/**
 * Consumers' passkeys (WebAuthn): a logged-in consumer registers one, then logs in with it alone. Each
 * ceremony starts with options holding a single-use challenge that expires, and ends with the
 * authenticator's answer, given as the browser's {@code PublicKeyCredential.toJSON()}.
 */
public interface Passkeys {

    /** Creation options for a new passkey of this consumer (a registration ceremony). */
    PasskeyCeremony registrationOptions(String userId);

    /**
     * Registers the passkey the authenticator created for the ceremony. An unknown, used or expired
     * ceremony or an answer that does not verify is a 400 {@code passkey_invalid}; a passkey registered
     * already is a 409 {@code passkey_exists}.
     */
    Passkey register(String userId, String ceremonyId, String credentialJson, String name);

    /** The consumer's passkeys, newest first. */
    List<Passkey> list(String userId);

    /** Deletes one of the consumer's passkeys; it logs in no more. Another consumer's passkey is a 404. */
    void delete(String userId, String passkeyId);

    /** Request options for a login with a passkey alone (an authentication ceremony); anyone may ask. */
    PasskeyCeremony loginOptions();

    /**
     * Opens a session for the consumer whose passkey signed the ceremony's challenge. Anything that does
     * not verify (unknown, used or expired ceremony, unknown or deleted passkey, wrong signature, origin or
     * relying party, a sign count that went backwards) is a 401 {@code passkey_invalid} and counts as a
     * failed login of the client address; a locked address is a 429 {@code login_locked}.
     */
    Session login(String ceremonyId, String credentialJson, String clientAddress);
}
