package io.huitong.vault;

/** Vaults under a chosen master key, for tests in other modules that compare what two keys give. */
public final class TestVaults {

    private TestVaults() {
    }

    public static Vault withMasterKey(byte[] key) {
        return new AesGcmVault(key);
    }
}
