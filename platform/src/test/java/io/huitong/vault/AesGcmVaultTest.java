package io.huitong.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmVaultTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void sealsSoThatOnlyTheSameKeyAndContextOpen() {
        AesGcmVault vault = new AesGcmVault(key());

        String sealed = vault.seal("4242424242424242", "pay_1");

        assertThat(sealed).startsWith("v1." + vault.keyId() + ".").doesNotContain("4242");
        assertThat(vault.seal("4242424242424242", "pay_1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(vault.open(sealed, "pay_1")).isEqualTo("4242424242424242");
        assertThatThrownBy(() -> vault.open(sealed, "pay_2")).isInstanceOf(VaultException.class)
                .hasMessageNotContaining("4242");
        assertThatThrownBy(() -> new AesGcmVault(key()).open(sealed, "pay_1")).isInstanceOf(VaultException.class);
        char[] chars = sealed.toCharArray();
        chars[chars.length - 3] = chars[chars.length - 3] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> vault.open(new String(chars), "pay_1")).isInstanceOf(VaultException.class);
    }

    @Test
    void theKeyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve(VaultConfig.KEY_FILE);

        byte[] first = VaultConfig.loadOrCreate(file);
        byte[] again = VaultConfig.loadOrCreate(file);

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
