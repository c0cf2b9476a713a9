package io.huitong.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** A database that can't be used ends start-up with one sentence that names the setting to fix. */
class DatabasePreflightTests {

    private static final String[] NO_ARGS = {};

    @TempDir
    Path dir;

    @Test
    void theDefaultH2DatabaseIsCreatedInTheDataDirectory() {
        Path dataDir = dir.resolve("nested/data");

        assertThat(DatabasePreflight.check(Map.of("HUITONG_DATA_DIR", dataDir.toString()), NO_ARGS)).isEmpty();
        assertThat(dataDir).isDirectory();
        assertThat(dataDir.resolve("huitong.mv.db")).exists();
    }

    @Test
    void theDataDirectoryAndItsFilesAreTheOwnersAloneEvenWhenAnEarlierStartLeftThemOpen() throws IOException {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = Files.writeString(dataDir.resolve("master.key"), "k");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(DatabasePreflight.check(Map.of("HUITONG_DATA_DIR", dataDir.toString()), NO_ARGS)).isEmpty();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("huitong.mv.db")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void anUnreachableDatabaseIsOneSentence() throws IOException {
        int port = freePort();

        var problem = DatabasePreflight.check(Map.of("HUITONG_DATA_DIR", dir.toString(),
                "HUITONG_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/x?password=s3cret"), NO_ARGS);

        assertThat(problem).contains("Huitong cannot start: the database at postgresql://127.0.0.1:" + port
                + "/x is unreachable (Connection refused). Check HUITONG_DB_URL.");
    }

    @Test
    void anUnsupportedUrlIsOneSentence() {
        var problem = DatabasePreflight.check(Map.of("HUITONG_DATA_DIR", dir.toString(),
                "HUITONG_DB_URL", "jdbc:mysql://localhost/huitong"), NO_ARGS);

        assertThat(problem).hasValueSatisfying(p -> assertThat(p)
                .startsWith("Huitong cannot start: HUITONG_DB_URL 'mysql://localhost/huitong'".replace("mysql:", "jdbc:mysql:"))
                .doesNotContain("\n"));
    }

    @Test
    void aMissingPostgresDatabaseIsNamed() {
        TestDatabases.postgres().close(); // skips (or fails under CI) when PostgreSQL is unreachable
        String base = TestDatabases.POSTGRES_URL.substring(0, TestDatabases.POSTGRES_URL.lastIndexOf('/') + 1);

        var problem = DatabasePreflight.check(Map.of("HUITONG_DATA_DIR", dir.toString(),
                "HUITONG_DB_URL", base + "huitong_does_not_exist", "HUITONG_DB_USER", TestDatabases.POSTGRES_USER), NO_ARGS);

        assertThat(problem).hasValueSatisfying(p -> assertThat(p).endsWith("does not exist. Create it, or check HUITONG_DB_URL."));
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneSentence() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        var problem = DatabasePreflight.check(Map.of("HUITONG_DATA_DIR", file.resolve("data").toString()), NO_ARGS);

        assertThat(problem).hasValueSatisfying(p -> assertThat(p).startsWith("Huitong cannot start: the data directory ")
                .endsWith("Check HUITONG_DATA_DIR."));
    }

    @Test
    void theFailureAnalyzerExplainsConnectionFailuresDuringStartUp() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5999/x")
                .withProperty("spring.datasource.password", "s3cret");
        SQLException cause = new SQLException("Connection to 127.0.0.1:5999 refused. password s3cret", "08001",
                new ConnectException("Connection refused"));

        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment).analyze(new IllegalStateException("pool", cause));

        assertThat(analysis.getDescription()).isEqualTo("Huitong cannot start: the database at postgresql://127.0.0.1:5999/x"
                + " is unreachable (Connection refused). Check HUITONG_DB_URL.");
        assertThat(new DatabaseFailureAnalyzer(environment).analyze(new SQLException("syntax error", "42601"))).isNull();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
