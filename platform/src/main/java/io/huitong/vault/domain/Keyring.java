package io.huitong.vault.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data keys of an installation, unwrapped, as a node holds them in memory: every key by its id, the one that seals
 * new values and the one fingerprints are derived from. Immutable; a master key rotation does not change it (the same
 * data keys are only wrapped anew).
 */
public final class Keyring {

    private final Map<String, DataKey> keys;
    private final DataKey sealing;
    private final DataKey fingerprints;

    public Keyring(Collection<DataKey> keys, String sealingId, String fingerprintsId) {
        Map<String, DataKey> byId = new LinkedHashMap<>();
        for (DataKey k : keys) {
            if (byId.put(k.id(), k) != null) {
                throw new IllegalArgumentException("two data keys named " + k.id());
            }
        }
        this.keys = Map.copyOf(byId);
        this.sealing = byId.get(sealingId);
        this.fingerprints = byId.get(fingerprintsId);
        if (sealing == null || sealing.purpose() != DataKey.Purpose.SEAL) {
            throw new IllegalArgumentException("the sealing key " + sealingId + " is not a seal key of this keyring");
        }
        if (fingerprints == null || fingerprints.purpose() == DataKey.Purpose.SEAL) {
            throw new IllegalArgumentException("the fingerprint key " + fingerprintsId + " is not a fingerprint or legacy key of this keyring");
        }
    }

    /** The key new values are sealed with. */
    public DataKey sealing() {
        return sealing;
    }

    /** The key the fingerprint keys are derived from: never changes for an installation. */
    public DataKey fingerprints() {
        return fingerprints;
    }

    public Optional<DataKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    public Collection<DataKey> all() {
        return keys.values();
    }
}
