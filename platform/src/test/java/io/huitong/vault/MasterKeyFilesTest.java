package io.huitong.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.vault.domain.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master keys a node holds: environment, master.key, master.keys; generated owner-only, removed by rewriting. */
class MasterKeyFilesTest {

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String id(String base64) {
        return MasterKey.idOf(Base64.getDecoder().decode(base64));
    }

    @Test
    void generatedKeysGoToAnOwnerOnlyKeyringFileOneALine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        MasterKeyFiles files = MasterKeyFiles.load("", "", data);
        assertThat(files.held()).isEmpty();

        MasterKey first = files.generate();
        MasterKey second = files.generate();

        Path keyring = data.resolve(MasterKeyFiles.KEYRING_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(keyring).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(first.id() + " ");
        assertThat(lines.get(1)).startsWith(second.id() + " ");
        MasterKeyFiles again = MasterKeyFiles.load("", "", data);
        assertThat(again.held()).extracting(h -> h.key().id()).containsExactly(first.id(), second.id());
        assertThat(again.sources(first.id())).containsExactly(MasterKeyFiles.Source.KEYRING_FILE);
        try (var leftovers = Files.list(data)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly(MasterKeyFiles.KEYRING_FILE);
        }
    }

    @Test
    void readsTheEnvironmentTheOldKeyFileAndTheKeyringFileInThatOrder(@TempDir Path dir) throws Exception {
        String env = randomKey();
        String next = randomKey();
        String old = randomKey();
        String listed = randomKey();
        String bare = randomKey();
        Files.writeString(dir.resolve(MasterKeyFiles.KEY_FILE), old + "\n");
        Files.writeString(dir.resolve(MasterKeyFiles.KEYRING_FILE), "# keys\n\n" + id(listed) + " " + listed + "\n  " + bare + "  \n");

        MasterKeyFiles files = MasterKeyFiles.load(env, next, dir);

        assertThat(files.held()).extracting(h -> h.key().id() + " " + h.source().label).containsExactly(
                id(env) + " HUITONG_MASTER_KEY", id(next) + " HUITONG_MASTER_KEY_NEXT", id(old) + " master.key",
                id(listed) + " master.keys", id(bare) + " master.keys");
        assertThat(files.find(id(bare))).isPresent();
        assertThat(files.find("00000000")).isEmpty();
    }

    @Test
    void aLineWhoseIdIsNotItsKeysOrABadKeyStopsTheStartWithoutShowingTheKey(@TempDir Path dir) throws Exception {
        String key = randomKey();
        Path keyring = dir.resolve(MasterKeyFiles.KEYRING_FILE);
        Files.writeString(keyring, "00000000 " + key + "\n");
        assertThatThrownBy(() -> MasterKeyFiles.load("", "", dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1").hasMessageContaining(id(key)).hasMessageNotContaining(key);
        Files.writeString(keyring, "#\n" + key.substring(4) + "\n");
        assertThatThrownBy(() -> MasterKeyFiles.load("", "", dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining(key.substring(4));
        assertThatThrownBy(() -> MasterKeyFiles.load("c2hvcnQ=", "", dir.resolve("none"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUITONG_MASTER_KEY").hasMessageContaining("32 bytes");
    }

    @Test
    void removingAKeyRewritesTheFilesWithoutItAndKeepsWhatTheEnvironmentHolds(@TempDir Path dir) throws Exception {
        String env = randomKey();
        String old = randomKey();
        String kept = randomKey();
        String gone = randomKey();
        Files.writeString(dir.resolve(MasterKeyFiles.KEY_FILE), old + "\n");
        Files.writeString(dir.resolve(MasterKeyFiles.KEYRING_FILE), "# keys\n" + id(kept) + " " + kept + "\n" + gone + "\n" + env + "\n");
        MasterKeyFiles files = MasterKeyFiles.load(env, "", dir);

        assertThat(files.remove(id(gone))).as("no copy left").isFalse();
        assertThat(files.remove(id(old))).isFalse();
        assertThat(files.remove(id(env))).as("HUITONG_MASTER_KEY still holds it").isTrue();

        assertThat(dir.resolve(MasterKeyFiles.KEY_FILE)).doesNotExist();
        assertThat(Files.readString(dir.resolve(MasterKeyFiles.KEYRING_FILE))).isEqualTo("# keys\n" + id(kept) + " " + kept + "\n")
                .doesNotContain(gone).doesNotContain(env);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(MasterKeyFiles.KEYRING_FILE);
        }
        assertThat(files.held()).extracting(h -> h.key().id() + " " + h.source().label)
                .containsExactly(id(env) + " HUITONG_MASTER_KEY", id(kept) + " master.keys");
        assertThat(MasterKeyFiles.load("", "", dir).held()).extracting(h -> h.key().id()).containsExactly(id(kept));
    }
}
