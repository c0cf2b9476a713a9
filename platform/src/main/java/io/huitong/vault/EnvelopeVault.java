package io.huitong.vault;

import io.huitong.vault.domain.AesGcm;
import io.huitong.vault.domain.DataKey;
import io.huitong.vault.domain.Keyring;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault over a keyring of data keys held in memory: sealing and opening never reach the database. Values are sealed
 * with AES-256-GCM under the keyring's sealing key, with a fresh 96-bit nonce and the context as additional
 * authenticated data, and read {@code v2.<data key id>.<base64url(nonce | ciphertext | tag)>}. Values sealed before the
 * keyring existed read {@code v1.<master key id>.<...>}, sealed the same way directly under the master key of then: they
 * open under the {@link DataKey.Purpose#LEGACY legacy} data key of that id.
 */
final class EnvelopeVault implements Vault {

    static final String LEGACY = "v1";
    static final String ENVELOPE = "v2";
    private static final String HMAC = "HmacSHA256";
    private static final String FINGERPRINT_LABEL = "huitong-fingerprint:";

    private final Keyring keyring;
    /** Per purpose, an HMAC initialized with its key: never used itself, each fingerprint starts from a copy of it. */
    private final Map<String, Mac> fingerprintMacs = new ConcurrentHashMap<>();

    EnvelopeVault(Keyring keyring) {
        this.keyring = keyring;
    }

    Keyring keyring() {
        return keyring;
    }

    @Override
    public String seal(String plaintext, String context) {
        DataKey key = keyring.sealing();
        byte[] sealed = AesGcm.seal(key.aes(), plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        return ENVELOPE + "." + key.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    @Override
    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", 3);
        DataKey.Purpose purpose = parts.length != 3 ? null : switch (parts[0]) {
            case ENVELOPE -> DataKey.Purpose.SEAL;
            case LEGACY -> DataKey.Purpose.LEGACY;
            default -> null;
        };
        if (purpose == null) {
            throw new VaultException("not a sealed value");
        }
        DataKey key = keyring.find(parts[1]).filter(k -> k.purpose() == purpose)
                .orElseThrow(() -> new VaultException("the value was sealed under key " + parts[1] + ", which the keyring does not hold"));
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new VaultException("the sealed value is not valid base64url");
        }
        try {
            return new String(AesGcm.open(key.aes(), in, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // says nothing about the content: a failed tag check means altered, or sealed under another context
            throw new VaultException("the sealed value does not open under this key and context");
        }
    }

    /**
     * Fingerprint keys are HMAC(root, "huitong-fingerprint:" + purpose), the root being the keyring's fingerprint key:
     * one key per purpose, never the root itself. They live in memory only, derived again at each start. Neither the
     * derivation nor the root may change (an upgraded installation's root is its master key of before): stored
     * fingerprints (risk lists, idempotency keys, resident IDs) are compared with new ones.
     */
    @Override
    public Fingerprint startFingerprint(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a fingerprint needs a purpose");
        }
        Mac initialized = fingerprintMacs.computeIfAbsent(purpose, this::fingerprintMac);
        try {
            // a copy of the keyed HMAC costs less than a new one (a provider look-up and the key's schedule each time)
            return new Fingerprint((Mac) initialized.clone());
        } catch (CloneNotSupportedException e) {
            return new Fingerprint(fingerprintMac(purpose));
        }
    }

    private Mac fingerprintMac(String purpose) {
        try {
            Mac kdf = Mac.getInstance(HMAC);
            kdf.init(keyring.fingerprints().hmac());
            byte[] derived = kdf.doFinal((FINGERPRINT_LABEL + purpose).getBytes(StandardCharsets.UTF_8));
            SecretKey fingerprintKey = new SecretKeySpec(derived, HMAC);
            Arrays.fill(derived, (byte) 0);
            Mac mac = Mac.getInstance(HMAC);
            mac.init(fingerprintKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
