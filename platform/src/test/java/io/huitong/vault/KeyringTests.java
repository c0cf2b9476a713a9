package io.huitong.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import io.huitong.testsupport.TestDatabases;
import io.huitong.vault.domain.DataKey;
import io.huitong.vault.domain.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keyring against a real database: created on the first start (and from an earlier release's master key on
 * upgrade), master key rotation and destruction, and nodes started again afterwards with the keys left.
 */
abstract class KeyringTests {

    @TempDir
    Path dir;

    TestDatabases.TestDb db;
    JdbcClient jdbc;
    TransactionTemplate tx;

    abstract TestDatabases.TestDb newDatabase();

    @BeforeEach
    void migrate() {
        db = newDatabase().migrated();
        DataSource dataSource = db.dataSource();
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    /** A node of the platform on the test database, holding the master keys of its environment and its data directory. */
    record Node(EnvelopeVault vault, KeyRotation keys, MasterKeyFiles files) {

        String current() {
            return keys.masterKeys().stream().filter(k -> k.status().equals(VaultKeys.CURRENT)).findFirst().orElseThrow().id();
        }
    }

    Node start(Path dataDir, String environmentKey, String nextKey) {
        MasterKeyFiles files = MasterKeyFiles.load(environmentKey, nextKey, dataDir);
        KeyringStore store = new KeyringStore(jdbc);
        EnvelopeVault vault = new EnvelopeVault(new KeyringBootstrap(store, files, tx, Clock.systemUTC()).open());
        return new Node(vault, new KeyRotation(store, files, vault, null, tx, Clock.systemUTC()), files);
    }

    Node start(Path dataDir) {
        return start(dataDir, "", "");
    }

    /** Every data key row: id to "master key id / wrapped". */
    Map<String, String> wrapped() {
        Map<String, String> rows = new LinkedHashMap<>();
        jdbc.sql("select id, master_key_id, wrapped from vault_data_key order by id")
                .query((rs, i) -> rows.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3))).list();
        return rows;
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static void assertRefused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void aFreshInstallationGeneratesItsMasterKeyAndStoresOnlyWrappedDataKeys() throws Exception {
        Node node = start(dir);

        String master = node.current();
        assertThat(Files.readString(dir.resolve(MasterKeyFiles.KEYRING_FILE))).contains(master + " ");
        assertThat(jdbc.sql("select purpose from vault_data_key order by purpose").query(String.class).list()).containsExactly("fingerprint", "seal");
        assertThat(wrapped().values()).allSatisfy(w -> assertThat(w).startsWith(master + "/"));
        String sealed = node.vault().seal("6222020000000000", "pay_1");
        assertThat(sealed).startsWith("v2." + node.vault().keyring().sealing().id() + ".");

        Node restarted = start(dir);
        assertThat(restarted.vault().open(sealed, "pay_1")).isEqualTo("6222020000000000");
        assertThat(restarted.vault().fingerprint("risk-card", "6222020000000000")).isEqualTo(node.vault().fingerprint("risk-card", "6222020000000000"));
        assertThat(restarted.vault().keyring().sealing().id()).isEqualTo(node.vault().keyring().sealing().id());
    }

    @Test
    void anUpgradedInstallationOpensWhatItsOldMasterKeySealedBeforeAndAfterRotationAndDestruction() throws Exception {
        Files.writeString(dir.resolve(MasterKeyFiles.KEY_FILE), LegacyValues.KEY_BASE64 + "\n");
        Node upgraded = start(dir);

        assertThat(upgraded.current()).isEqualTo(LegacyValues.KEY_ID);
        assertThat(jdbc.sql("select purpose from vault_data_key where id = ?").param(LegacyValues.KEY_ID).query(String.class).single()).isEqualTo("legacy");
        assertThat(upgraded.vault().open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo("4242424242424242");
        assertThat(upgraded.vault().fingerprint("risk-card", "4242424242424242")).isEqualTo(LegacyValues.CARD_FINGERPRINT);
        String sealedAfterUpgrade = upgraded.vault().seal("JBSWY3DPEHPK3PXP", "op_1:totp");
        assertThat(sealedAfterUpgrade).startsWith("v2.dk_");

        String next = upgraded.keys().rotate(LegacyValues.KEY_ID, null);
        upgraded.keys().destroy(LegacyValues.KEY_ID, "op_security");

        assertThat(dir.resolve(MasterKeyFiles.KEY_FILE)).doesNotExist();
        assertThat(upgraded.vault().open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo("4242424242424242");
        Node restarted = start(dir);
        assertThat(restarted.files().held()).extracting(h -> h.key().id()).containsExactly(next);
        for (Node n : List.of(upgraded, restarted)) {
            assertThat(n.vault().open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo("4242424242424242");
            assertThat(n.vault().open(LegacyValues.TOTP, LegacyValues.TOTP_CONTEXT)).isEqualTo("JBSWY3DPEHPK3PXP");
            assertThat(n.vault().open(sealedAfterUpgrade, "op_1:totp")).isEqualTo("JBSWY3DPEHPK3PXP");
            assertThat(n.vault().fingerprint("risk-card", "4242424242424242")).isEqualTo(LegacyValues.CARD_FINGERPRINT);
            assertThat(n.vault().fingerprint("consumer_verification:id_number", LegacyValues.RESIDENT_ID))
                    .isEqualTo(LegacyValues.RESIDENT_ID_FINGERPRINT);
        }
    }

    @Test
    void aRotationWrapsEveryDataKeyAnewWithoutChangingAnyKey() {
        Node node = start(dir);
        String old = node.current();
        String sealed = node.vault().seal("4242424242424242", "pay_1");
        String fingerprint = node.vault().fingerprint("risk-card", "4242424242424242");
        Map<String, String> before = wrapped();

        String next = node.keys().rotate(old, null);

        Map<String, String> after = wrapped();
        assertThat(next).isNotEqualTo(old);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        MasterKey nextKey = node.files().find(next).orElseThrow();
        jdbc.sql("select id, purpose, master_key_id, wrapped from vault_data_key").query((rs, i) -> {
            String id = rs.getString(1);
            assertThat(rs.getString(3)).isEqualTo(next);
            assertThat(after.get(id)).isNotEqualTo(before.get(id));
            DataKey unwrapped = nextKey.unwrap(id, DataKey.Purpose.ofWire(rs.getString(2)).orElseThrow(), rs.getString(4));
            assertThat(unwrapped.sameKeyAs(node.vault().keyring().find(id).orElseThrow())).as("the same key, wrapped anew").isTrue();
            return id;
        }).list();
        assertThat(node.keys().masterKeys()).extracting(k -> k.id() + " " + k.status() + " " + k.dataKeys())
                .containsExactly(old + " retired 0", next + " current 2");

        Node restarted = start(dir);
        assertThat(restarted.vault().open(sealed, "pay_1")).isEqualTo("4242424242424242");
        assertThat(restarted.vault().fingerprint("risk-card", "4242424242424242")).isEqualTo(fingerprint);
        assertThat(node.vault().open(restarted.vault().seal("4000056655665556", "pay_2"), "pay_2")).isEqualTo("4000056655665556");
    }

    @Test
    void aMasterKeyIsDestroyedOnlyOnceItWrapsNoDataKey() throws Exception {
        Node node = start(dir);
        String old = node.current();
        String sealed = node.vault().seal("4242424242424242", "pay_1");

        assertRefused(() -> node.keys().destroy(old, "op_security"), 409, "master_key_in_use");
        assertRefused(() -> node.keys().destroy("0badc0de", "op_security"), 404, "resource_missing");
        assertRefused(() -> node.keys().destroy("../master.keys", "op_security"), 404, "resource_missing");
        String next = node.keys().rotate(old, null);
        assertRefused(() -> node.keys().destroy(next, "op_security"), 409, "master_key_in_use");

        VaultKeys.MasterKeyInfo destroyed = node.keys().destroy(old, "op_security");

        assertThat(destroyed.status()).isEqualTo(VaultKeys.DESTROYED);
        assertThat(destroyed.destroyedAt()).isNotNull();
        assertThat(destroyed.heldIn()).isEmpty();
        assertThat(Files.readString(dir.resolve(MasterKeyFiles.KEYRING_FILE))).doesNotContain(old).contains(next);
        assertThat(node.keys().destroy(old, "op_security").destroyedAt()).as("again: nothing changes").isEqualTo(destroyed.destroyedAt());
        assertRefused(() -> node.keys().rotate(next, old), 409, "master_key_used");
        Node restarted = start(dir);
        assertThat(restarted.vault().open(sealed, "pay_1")).isEqualTo("4242424242424242");
        assertThat(restarted.keys().masterKeys()).extracting(k -> k.id() + " " + k.status())
                .containsExactly(old + " destroyed", next + " current");
    }

    @Test
    void withEnvironmentKeysTheRotationMovesToTheStagedNextKey() {
        String next = randomKey();
        String nextId = MasterKey.idOf(Base64.getDecoder().decode(next));
        Node node = start(dir, LegacyValues.KEY_BASE64, next);
        assertThat(node.keys().masterKeys()).extracting(k -> k.id() + " " + k.status() + " " + k.heldIn())
                .containsExactly(LegacyValues.KEY_ID + " current [HUITONG_MASTER_KEY]", nextId + " staged [HUITONG_MASTER_KEY_NEXT]");

        assertThat(node.keys().rotate(LegacyValues.KEY_ID, nextId)).isEqualTo(nextId);
        VaultKeys.MasterKeyInfo destroyed = node.keys().destroy(LegacyValues.KEY_ID, "op_security");

        assertThat(destroyed.heldIn()).as("only the operator can take it out of the environment").containsExactly("HUITONG_MASTER_KEY");
        assertThat(dir.resolve(MasterKeyFiles.KEYRING_FILE)).doesNotExist();
        // the operator moves the next key to HUITONG_MASTER_KEY and restarts the node
        Node restarted = start(dir, next, "");
        assertThat(restarted.vault().open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo("4242424242424242");
        assertThat(restarted.vault().fingerprint("risk-card", "4242424242424242")).isEqualTo(LegacyValues.CARD_FINGERPRINT);
    }

    @Test
    void aNodeWithoutTheMasterKeyThatWrapsTheDataKeysRefusesToStart() {
        String next = randomKey();
        Node node = start(dir, LegacyValues.KEY_BASE64, next);
        String nextId = node.keys().rotate(LegacyValues.KEY_ID, MasterKey.idOf(Base64.getDecoder().decode(next)));

        assertThatThrownBy(() -> start(dir, LegacyValues.KEY_BASE64, "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key " + nextId + ", which this node does not hold")
                .hasMessageContaining(LegacyValues.KEY_ID + " (HUITONG_MASTER_KEY)")
                .hasMessageNotContaining(LegacyValues.KEY_BASE64).hasMessageNotContaining(next);
    }

    @Test
    void aRotationIsRefusedFromAKeyNoLongerCurrentOrToAKeyUsedBeforeOrNotHeld() {
        Node node = start(dir, LegacyValues.KEY_BASE64, "");
        String next = node.keys().rotate(LegacyValues.KEY_ID, null);

        assertRefused(() -> node.keys().rotate(LegacyValues.KEY_ID, null), 409, "master_key_rotated");
        assertRefused(() -> node.keys().rotate(next, LegacyValues.KEY_ID), 409, "master_key_used");
        assertRefused(() -> node.keys().rotate(next, "0badc0de"), 409, "master_key_unavailable");
        assertThat(node.current()).isEqualTo(next);
    }

    @Test
    void aRotationRolledBackLeavesTheKeyringAsItWasAndItsNewKeyStaged() {
        Node node = start(dir);
        String old = node.current();
        Map<String, String> before = wrapped();

        String staged = tx.execute(s -> {
            String id = node.keys().rotate(old, null);
            s.setRollbackOnly();
            return id;
        });

        assertThat(wrapped()).isEqualTo(before);
        assertThat(node.current()).isEqualTo(old);
        assertThat(node.keys().masterKeys()).extracting(k -> k.id() + " " + k.status()).containsExactly(old + " current", staged + " staged");
        assertThat(node.keys().rotate(old, staged)).isEqualTo(staged);
    }

    @Test
    void otherNodesRemoveADestroyedKeyFromTheirFilesAtTheirNextStart() throws Exception {
        String first = randomKey();
        String second = randomKey();
        String secondId = MasterKey.idOf(Base64.getDecoder().decode(second));
        Path a = dir.resolve("node-a");
        Path b = dir.resolve("node-b");
        for (Path d : List.of(a, b)) {
            Files.createDirectories(d);
            Files.writeString(d.resolve(MasterKeyFiles.KEYRING_FILE), first + "\n" + second + "\n");
        }
        Node nodeA = start(a);
        Node nodeB = start(b);
        String firstId = nodeA.current();
        String sealedOnB = nodeB.vault().seal("4242424242424242", "pay_1");

        nodeA.keys().rotate(firstId, secondId);
        nodeA.keys().destroy(firstId, "op_security");

        assertThat(Files.readString(b.resolve(MasterKeyFiles.KEYRING_FILE))).as("until it starts again").contains(first);
        assertThat(nodeB.vault().open(sealedOnB, "pay_1")).isEqualTo("4242424242424242");
        Node restartedB = start(b);
        assertThat(Files.readString(b.resolve(MasterKeyFiles.KEYRING_FILE))).doesNotContain(first).contains(second);
        assertThat(restartedB.vault().open(sealedOnB, "pay_1")).isEqualTo("4242424242424242");
    }
}
