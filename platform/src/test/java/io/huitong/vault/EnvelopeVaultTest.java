package io.huitong.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.vault.domain.DataKey;
import io.huitong.vault.domain.Keyring;
import io.huitong.vault.domain.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Sealing and fingerprints over a keyring held in memory, and the wrapping of data keys by a master key. */
class EnvelopeVaultTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static EnvelopeVault fresh() {
        DataKey seal = DataKey.generate(DataKey.Purpose.SEAL);
        DataKey fingerprints = DataKey.generate(DataKey.Purpose.FINGERPRINT);
        return new EnvelopeVault(new Keyring(List.of(seal, fingerprints), seal.id(), fingerprints.id()));
    }

    @Test
    void sealsUnderTheSealingDataKeySoThatOnlyItAndTheSameContextOpen() {
        EnvelopeVault vault = fresh();

        String sealed = vault.seal("4242424242424242", "pay_1");

        assertThat(sealed).startsWith("v2." + vault.keyring().sealing().id() + ".").matches("v2\\.dk_[0-9a-f]{12}\\.[A-Za-z0-9_-]+")
                .doesNotContain("4242");
        assertThat(vault.seal("4242424242424242", "pay_1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(vault.open(sealed, "pay_1")).isEqualTo("4242424242424242");
        assertThatThrownBy(() -> vault.open(sealed, "pay_2")).isInstanceOf(VaultException.class).hasMessageNotContaining("4242");
        assertThatThrownBy(() -> fresh().open(sealed, "pay_1")).isInstanceOf(VaultException.class)
                .hasMessageContaining(vault.keyring().sealing().id());
        char[] chars = sealed.toCharArray();
        chars[chars.length - 3] = chars[chars.length - 3] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> vault.open(new String(chars), "pay_1")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open("v3." + sealed.substring(3), "pay_1")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open(null, "pay_1")).isInstanceOf(VaultException.class);
    }

    @Test
    void valuesSealedBeforeTheKeyringOpenUnderTheLegacyDataKeyWithTheirFingerprintsUnchanged() {
        Vault upgraded = TestVaults.withMasterKey(LegacyValues.key());

        assertThat(upgraded.open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo("4242424242424242");
        assertThat(upgraded.open(LegacyValues.TOTP, LegacyValues.TOTP_CONTEXT)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(upgraded.open(LegacyValues.seal(LegacyValues.key(), "6222020000000000", "pay_x"), "pay_x")).isEqualTo("6222020000000000");
        assertThat(upgraded.fingerprint("risk-card", "4242424242424242")).isEqualTo(LegacyValues.CARD_FINGERPRINT);
        assertThat(upgraded.fingerprint("consumer_verification:id_number", LegacyValues.RESIDENT_ID))
                .isEqualTo(LegacyValues.RESIDENT_ID_FINGERPRINT);
        assertThat(upgraded.seal("4242424242424242", "pay_2")).as("new values are sealed under a data key").startsWith("v2.dk_");
        assertThatThrownBy(() -> upgraded.open(LegacyValues.CARD, "pay_other")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> fresh().open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isInstanceOf(VaultException.class)
                .hasMessageContaining(LegacyValues.KEY_ID);
        // a header must name a key of its own kind: the legacy key opens v1 values only, a sealing key v2 values only
        assertThatThrownBy(() -> upgraded.open("v2." + LegacyValues.CARD.substring(3), LegacyValues.CARD_CONTEXT))
                .isInstanceOf(VaultException.class);
    }

    /** Stored fingerprints must still match: the derivation is HMAC(HMAC(root, label), value). */
    @Test
    void fingerprintsAreAnHmacUnderAKeyDerivedForTheirPurpose() throws Exception {
        byte[] master = key();
        Vault vault = TestVaults.withMasterKey(master);
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

    /** Each fingerprint starts from a copy of one keyed HMAC per purpose: copies written at once share nothing. */
    @Test
    void fingerprintsStreamedAtOnceFromManyThreadsEachAnswerTheirOwnValue() throws Exception {
        EnvelopeVault vault = fresh();
        int threads = 8;
        int each = 500;
        List<String> expected = java.util.stream.IntStream.range(0, threads * each)
                .mapToObj(i -> vault.fingerprint("risk-card", "62220200000" + i)).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<String>>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * each;
                done.add(pool.submit(() -> {
                    List<String> out = new java.util.ArrayList<>();
                    for (int i = first; i < first + each; i++) {
                        Fingerprint streamed = vault.startFingerprint("risk-card");
                        byte[] value = ("62220200000" + i).getBytes(StandardCharsets.UTF_8);
                        streamed.write(value, 0, 5);
                        Thread.yield();
                        streamed.write(value, 5, value.length - 5);
                        out.add(streamed.hex());
                    }
                    return out;
                }));
            }
            for (int t = 0; t < threads; t++) {
                assertThat(done.get(t).get()).isEqualTo(expected.subList(t * each, (t + 1) * each));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fingerprintsDependOnTheFingerprintKeyAndThePurpose() {
        EnvelopeVault vault = fresh();
        String fingerprint = vault.fingerprint("a-purpose", "4242424242424242");

        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(vault.fingerprint("a-purpose", "4242424242424242")).isEqualTo(fingerprint);
        assertThat(vault.fingerprint("another-purpose", "4242424242424242")).isNotEqualTo(fingerprint);
        assertThat(fresh().fingerprint("a-purpose", "4242424242424242")).isNotEqualTo(fingerprint);
        assertThatThrownBy(() -> vault.startFingerprint(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMasterKeyWrapsADataKeyBoundToItsIdAndPurpose() {
        MasterKey master = MasterKey.of(key());
        DataKey data = DataKey.generate(DataKey.Purpose.SEAL);

        String wrapped = master.wrap(data);

        assertThat(Base64.getDecoder().decode(wrapped)).hasSize(12 + 32 + 16);
        assertThat(master.wrap(data)).as("a fresh nonce each time").isNotEqualTo(wrapped);
        assertThat(master.unwrap(data.id(), DataKey.Purpose.SEAL, wrapped).sameKeyAs(data)).isTrue();
        assertThat(MasterKey.of(LegacyValues.key()).id()).isEqualTo(LegacyValues.KEY_ID);
        assertThatThrownBy(() -> MasterKey.of(key()).unwrap(data.id(), DataKey.Purpose.SEAL, wrapped)).isInstanceOf(VaultException.class)
                .hasMessageContaining(data.id());
        assertThatThrownBy(() -> master.unwrap("dk_000000000000", DataKey.Purpose.SEAL, wrapped)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> master.unwrap(data.id(), DataKey.Purpose.FINGERPRINT, wrapped)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> master.unwrap(data.id(), DataKey.Purpose.SEAL, "not base64!")).isInstanceOf(VaultException.class);
    }

    @Test
    void keysNeverShowTheirBytes() {
        byte[] material = LegacyValues.key();
        MasterKey master = MasterKey.of(material);
        DataKey legacy = master.legacyDataKey();

        assertThat(master.toString()).isEqualTo("MasterKey[" + LegacyValues.KEY_ID + "]");
        assertThat(legacy.toString()).isEqualTo("DataKey[" + LegacyValues.KEY_ID + ", legacy]");
        assertThat(legacy.id()).isEqualTo(master.id());
        assertThatThrownBy(() -> DataKey.generate(DataKey.Purpose.LEGACY)).isInstanceOf(IllegalArgumentException.class);
    }
}
