package io.huitong.vault.domain;

import io.huitong.vault.VaultException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A master key: 32 bytes held by the nodes (key files or environment), never by the database. It wraps data keys with
 * AES-256-GCM under a wrapping key derived from it ({@code HMAC-SHA256(master, "huitong-master-key:wrap")}), the wrapped
 * key bound to the data key's id and purpose, so that a wrapped key moved to another row does not unwrap. Its id is the
 * first 4 bytes of its SHA-256 in hex, as the platform has always named its master key: a key file can't name a key it
 * does not hold. {@link #toString()} shows the id only.
 */
public final class MasterKey {

    public static final int BYTES = 32;
    /** What a master key id looks like. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
    private static final String WRAP_LABEL = "huitong-master-key:wrap";

    private final String id;
    private final byte[] material;
    private final SecretKey wrappingKey;

    private MasterKey(byte[] material) {
        if (material.length != BYTES) {
            throw new IllegalArgumentException("a master key is " + BYTES + " bytes (AES-256)");
        }
        this.material = material.clone();
        this.id = idOf(material);
        byte[] derived = hmac(material, WRAP_LABEL.getBytes(StandardCharsets.UTF_8));
        this.wrappingKey = new SecretKeySpec(derived, "AES");
        Arrays.fill(derived, (byte) 0);
    }

    /** The master key of these 32 bytes (copied). */
    public static MasterKey of(byte[] material) {
        return new MasterKey(material);
    }

    /** The id of a key: the first 4 bytes of its SHA-256, in hex. */
    public static String idOf(byte[] material) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(material), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public String id() {
        return id;
    }

    /** {@code key} wrapped under this master key: base64 of {@code nonce | AES-256-GCM(key) | tag}. */
    public String wrap(DataKey key) {
        byte[] plain = key.material();
        try {
            return Base64.getEncoder().encodeToString(AesGcm.seal(wrappingKey, plain, aad(key.id(), key.purpose())));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The data key {@code id} of {@code purpose} that {@link #wrap} gave {@code wrapped}; a {@link VaultException} if it was not this key's. */
    public DataKey unwrap(String id, DataKey.Purpose purpose, String wrapped) {
        byte[] plain = null;
        try {
            plain = AesGcm.open(wrappingKey, Base64.getDecoder().decode(wrapped), aad(id, purpose));
            return new DataKey(id, purpose, plain);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new VaultException("data key " + id + " does not unwrap under master key " + this.id);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * This key as the {@link DataKey.Purpose#LEGACY legacy} data key, for an installation whose master key sealed values
     * and keyed fingerprints itself before the keyring existed: same bytes, same id.
     */
    public DataKey legacyDataKey() {
        return new DataKey(id, DataKey.Purpose.LEGACY, material);
    }

    private static byte[] aad(String dataKeyId, DataKey.Purpose purpose) {
        return ("huitong-data-key:" + dataKeyId + ":" + purpose.wireName()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
