package io.huitong.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    /** Stored fingerprints (risk lists) must still match: the derivation is HMAC(HMAC(master, label), value). */
    @Test
    void fingerprintsAreAnHmacUnderAKeyDerivedForTheirPurpose() throws Exception {
        byte[] master = key();
        AesGcmVault vault = new AesGcmVault(master);
        Mac kdf = Mac.getInstance("HmacSHA256");
        kdf.init(new SecretKeySpec(master, "HmacSHA256"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(kdf.doFinal("huitong-fingerprint:risk-card".getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("4242424242424242".getBytes(StandardCharsets.UTF_8)));

        assertThat(vault.fingerprint("risk-card", "4242424242424242")).isEqualTo(expected);
        assertThat(vault.fingerprint("risk-card", "4242424242424242".getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        Fingerprint streamed = vault.startFingerprint("risk-card");
        streamed.write("4242".getBytes(StandardCharsets.UTF_8));
        streamed.write('4');
        streamed.write("x242424242424242x".getBytes(StandardCharsets.UTF_8), 1, 11);
        assertThat(streamed.hex()).isEqualTo(expected);
        assertThatThrownBy(streamed::hex).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> streamed.write(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fingerprintsDependOnTheMasterKeyAndThePurpose() {
        AesGcmVault vault = new AesGcmVault(key());
        String fingerprint = vault.fingerprint("a-purpose", "4242424242424242");

        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(vault.fingerprint("a-purpose", "4242424242424242")).isEqualTo(fingerprint);
        assertThat(vault.fingerprint("another-purpose", "4242424242424242")).isNotEqualTo(fingerprint);
        assertThat(new AesGcmVault(key()).fingerprint("a-purpose", "4242424242424242")).isNotEqualTo(fingerprint);
        assertThatThrownBy(() -> vault.startFingerprint(" ")).isInstanceOf(IllegalArgumentException.class);
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
