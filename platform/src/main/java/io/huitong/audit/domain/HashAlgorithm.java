package io.huitong.audit.domain;

import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/** The hash of the chain: SM3 (GB/T 32905-2016) by default, SHA-256 where a deployment asks for it. */
public enum HashAlgorithm {
    SM3,
    SHA256;

    /** A fresh digest of this algorithm; not thread-safe, one per use. */
    public Digest digest() {
        return this == SM3 ? new SM3Digest() : new SHA256Digest();
    }

    /** The name in configuration and in the API: {@code sm3}, {@code sha256}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HashAlgorithm> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (HashAlgorithm a : values()) {
            if (a.wireName().equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
