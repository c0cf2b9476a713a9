package io.huitong.vault;

import io.huitong.vault.domain.DataKey;
import io.huitong.vault.domain.Keyring;
import io.huitong.vault.domain.MasterKey;
import java.util.List;

/**
 * Vaults held in memory, for tests in other modules that compare what two keys give: the keyring of an installation
 * upgraded from the master key {@code key} (its legacy data key keys the fingerprints and opens what it sealed), with a
 * fresh sealing key.
 */
public final class TestVaults {

    private TestVaults() {
    }

    public static Vault withMasterKey(byte[] key) {
        DataKey legacy = MasterKey.of(key).legacyDataKey();
        DataKey seal = DataKey.generate(DataKey.Purpose.SEAL);
        return new EnvelopeVault(new Keyring(List.of(legacy, seal), seal.id(), legacy.id()));
    }
}
