package io.huitong.web.consumers;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A software authenticator with one discoverable ES256 passkey, playing both the authenticator and the
 * browser: it answers creation options with a {@code none} attestation and request options with an
 * assertion signed over authenticatorData ‖ SHA-256(clientDataJSON), each as
 * {@code PublicKeyCredential.toJSON()}. Its origin, relying party, signing key and counter can be set
 * wrong on purpose.
 */
final class PasskeyAuthenticator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte FLAGS_REGISTRATION = AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT;
    private static final byte FLAGS_ASSERTION = AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV;

    private final ObjectConverter converter = new ObjectConverter();
    private final KeyPair credentialKey;
    private final byte[] credentialId;
    private KeyPair signingKey;
    private String origin;
    private String rpId;
    private long signCount;
    private boolean counting = true;
    private byte[] userHandle;

    PasskeyAuthenticator(String origin, String rpId) {
        this(origin, rpId, newKey(), random(32));
    }

    private PasskeyAuthenticator(String origin, String rpId, KeyPair key, byte[] credentialId) {
        this.origin = origin;
        this.rpId = rpId;
        this.credentialKey = key;
        this.signingKey = key;
        this.credentialId = credentialId;
    }

    /** The same passkey (credential id and user handle), in an authenticator that signs with another key. */
    PasskeyAuthenticator withAnotherKey() {
        PasskeyAuthenticator other = new PasskeyAuthenticator(origin, rpId, credentialKey, credentialId.clone());
        other.signingKey = newKey();
        other.userHandle = userHandle;
        other.signCount = signCount;
        return other;
    }

    PasskeyAuthenticator origin(String origin) {
        this.origin = origin;
        return this;
    }

    PasskeyAuthenticator rpId(String rpId) {
        this.rpId = rpId;
        return this;
    }

    PasskeyAuthenticator signCount(long signCount) {
        this.signCount = signCount;
        return this;
    }

    /** Reports a signature counter of 0 always, as synced passkeys do: nothing but the challenge tells answers apart. */
    PasskeyAuthenticator withoutCounter() {
        this.counting = false;
        this.signCount = 0;
        return this;
    }

    String credentialId() {
        return B64URL.encodeToString(credentialId);
    }

    /** navigator.credentials.create(): the new credential for these creation options (public_key). */
    ObjectNode create(JsonNode options) {
        userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
        byte[] clientData = clientData("webauthn.create", options.path("challenge").asString());
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) credentialKey.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), FLAGS_REGISTRATION, signCount, attested);
        byte[] attestation = new AttestationObjectConverter(converter).convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));

        ObjectNode credential = credential();
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("attestationObject", B64URL.encodeToString(attestation));
        response.putArray("transports").add("internal").add("hybrid");
        return credential;
    }

    /** navigator.credentials.get(): an assertion for these request options (public_key); the counter moves on. */
    ObjectNode get(JsonNode options) {
        if (counting) {
            signCount++;
        }
        byte[] clientData = clientData("webauthn.get", options.path("challenge").asString());
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), FLAGS_ASSERTION, signCount);
        byte[] authenticatorData = new AuthenticatorDataConverter(converter).convert(data);
        byte[] signature;
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSA");
            es256.initSign(signingKey.getPrivate());
            es256.update(authenticatorData);
            es256.update(sha256(clientData));
            signature = es256.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode credential = credential();
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("authenticatorData", B64URL.encodeToString(authenticatorData));
        response.put("signature", B64URL.encodeToString(signature));
        response.put("userHandle", B64URL.encodeToString(userHandle));
        return credential;
    }

    private ObjectNode credential() {
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("authenticatorAttachment", "platform");
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private byte[] clientData(String type, String challenge) {
        ObjectNode clientData = JSON.createObjectNode();
        clientData.put("type", type);
        clientData.put("challenge", challenge);
        clientData.put("origin", origin);
        clientData.put("crossOrigin", false);
        return JSON.writeValueAsString(clientData).getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
