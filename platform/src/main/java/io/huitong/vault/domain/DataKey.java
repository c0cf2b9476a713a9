package io.huitong.vault.domain;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A data key, in the clear: 32 random bytes that seal values (AES-256-GCM) or key fingerprints (HMAC-SHA256). Data keys
 * are stored only wrapped by a master key ({@link MasterKey#wrap}); unwrapped, they live in memory. Its id is
 * {@code dk_} and 12 hex digits, or for a {@link Purpose#LEGACY} key the id the master key had when it sealed values
 * itself. {@link #toString()} never shows the key.
 */
public final class DataKey {

    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a data key is for; its name in the database is the lower-case one. */
    public enum Purpose {
        /** Seals new values ({@code v2.<id>.}). */
        SEAL,
        /** The root the fingerprint keys of each purpose are derived from. */
        FINGERPRINT,
        /**
         * The master key of an installation from before the keyring: it opens the values it sealed ({@code v1.<id>.})
         * and stays the root of the fingerprints made under it, which must not change. It seals nothing new.
         */
        LEGACY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Purpose> ofWire(String name) {
            return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
        }
    }

    private final String id;
    private final Purpose purpose;
    private final byte[] material;
    private final SecretKey aes;
    private final SecretKey hmac;

    DataKey(String id, Purpose purpose, byte[] material) {
        if (id == null || id.isBlank() || purpose == null) {
            throw new IllegalArgumentException("a data key needs an id and a purpose");
        }
        if (material.length != BYTES) {
            throw new IllegalArgumentException("a data key is " + BYTES + " bytes");
        }
        this.id = id;
        this.purpose = purpose;
        this.material = material.clone();
        this.aes = new SecretKeySpec(material, "AES");
        this.hmac = new SecretKeySpec(material, "HmacSHA256");
    }

    /** A new random key of this purpose (not {@link Purpose#LEGACY}, which is only ever imported). */
    public static DataKey generate(Purpose purpose) {
        if (purpose == Purpose.LEGACY) {
            throw new IllegalArgumentException("a legacy data key is imported from a master key, never generated");
        }
        byte[] material = new byte[BYTES];
        RANDOM.nextBytes(material);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        try {
            return new DataKey("dk_" + HexFormat.of().formatHex(id), purpose, material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    public String id() {
        return id;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** The key for AES-256-GCM. */
    public SecretKey aes() {
        return aes;
    }

    /** The same bytes as a key for HMAC-SHA256. */
    public SecretKey hmac() {
        return hmac;
    }

    /** Whether both are the same key bytes (compared in constant time). */
    public boolean sameKeyAs(DataKey other) {
        return MessageDigest.isEqual(material, other.material);
    }

    /** The bytes, for wrapping; the caller clears its copy. */
    byte[] material() {
        return material.clone();
    }

    @Override
    public String toString() {
        return "DataKey[" + id + ", " + purpose.wireName() + "]";
    }
}
