package io.huitong.consumers;

import java.time.Instant;
import java.util.Map;

/**
 * The start of a passkey ceremony: its id, to send back with the authenticator's answer, when its
 * challenge expires, and {@code publicKey}, the WebAuthn options ({@code PublicKeyCredentialCreationOptions}
 * or {@code PublicKeyCredentialRequestOptions}, binary values in base64url) exactly as
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON} and {@code parseRequestOptionsFromJSON} take them.
 */
public record PasskeyCeremony(String id, String object, Instant expiresAt, Map<String, Object> publicKey) {
}
