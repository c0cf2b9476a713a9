package io.huitong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The operator key: configured, or generated once, stored as a hash and shown once. */
@ExtendWith(OutputCaptureExtension.class)
abstract class OperatorKeysTests {

    private static final Pattern SHOWN = Pattern.compile("Operator API key \\(shown once\\): (hk_admin_[0-9A-Za-z]{43})");

    private TestDatabases.TestDb db;
    private JdbcClient jdbc;

    abstract TestDatabases.TestDb newDatabase();

    @BeforeEach
    void migrate() {
        db = newDatabase().migrated();
        jdbc = JdbcClient.create(db.dataSource());
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void generatesAKeyOnFirstStartAndStoresOnlyItsHash(CapturedOutput output) {
        OperatorKeys keys = OperatorKeys.load(store(), "");

        String key = shownKeys(output).getFirst();
        assertThat(keys.isOperatorKey(key)).isTrue();
        assertThat(keys.isOperatorKey(key + "x")).isFalse();
        assertThat(keys.isOperatorKey(null)).isFalse();
        assertThat(keys.authenticate(key)).contains(ApiPrincipal.operator());
        List<String> stored = jdbc.sql("SELECT key_hash FROM operator_key").query(String.class).list();
        assertThat(stored).containsExactly(SecretHashes.sha256Hex(key));
    }

    @Test
    void laterStartsUseTheStoredKeyAndDoNotShowItAgain(CapturedOutput output) {
        OperatorKeys.load(store(), "");
        String key = shownKeys(output).getFirst();

        OperatorKeys restarted = OperatorKeys.load(store(), "");

        assertThat(shownKeys(output)).hasSize(1);
        assertThat(restarted.isOperatorKey(key)).isTrue();
    }

    @Test
    void aConfiguredKeyIsUsedAsIsAndNothingIsGenerated(CapturedOutput output) {
        String configured = "a-configured-admin-key-of-sufficient-length";

        OperatorKeys keys = OperatorKeys.load(store(), configured);

        assertThat(keys.isOperatorKey(configured)).isTrue();
        assertThat(output.getAll()).doesNotContain("shown once").doesNotContain(configured);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator_key").query(Integer.class).single()).isZero();
    }

    @Test
    void generatedKeysAreLongAndDistinct() {
        String one = SecretKeys.generate("hk_admin_");
        String two = SecretKeys.generate("hk_admin_");

        assertThat(one).matches("hk_admin_[0-9A-Za-z]{43}");
        assertThat(one).isNotEqualTo(two);
    }

    private OperatorKeyStore store() {
        return new OperatorKeyStore(jdbc, Clock.systemUTC());
    }

    private static List<String> shownKeys(CapturedOutput output) {
        Matcher matcher = SHOWN.matcher(output.getAll());
        List<String> keys = new java.util.ArrayList<>();
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }
}
