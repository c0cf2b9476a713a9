package io.huitong.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Checks, before Spring starts, that the data directory and the database can be used, so that a typo in
 * {@code HUITONG_DB_URL} ends start-up with one sentence instead of pages of stack trace. It reads the
 * same variables and defaults as application.yml; when the data source is configured another way
 * ({@code SPRING_DATASOURCE_URL}, {@code --spring.datasource.url}) it stays out of the way and
 * {@link DatabaseFailureAnalyzer} explains failures instead.
 */
public final class DatabasePreflight {

    static final int LOGIN_TIMEOUT_SECONDS = 5;

    private DatabasePreflight() {
    }

    public static void checkOrExit(Map<String, String> env, String[] args) {
        Optional<String> problem = check(env, args);
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(1);
        }
    }

    static Optional<String> check(Map<String, String> env, String[] args) {
        if (env.containsKey("SPRING_DATASOURCE_URL") || Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.datasource.url"))) {
            return Optional.empty();
        }
        String dataDir = value(env, "HUITONG_DATA_DIR", "./data");
        try {
            Files.createDirectories(Path.of(dataDir));
        } catch (IOException | RuntimeException e) {
            return Optional.of("Huitong cannot start: the data directory " + Path.of(dataDir).toAbsolutePath().normalize()
                    + " cannot be created (" + e.getClass().getSimpleName() + "). Check HUITONG_DATA_DIR.");
        }
        String url = value(env, "HUITONG_DB_URL",
                "jdbc:h2:file:" + dataDir + "/huitong;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        DatabaseTarget target = new DatabaseTarget(url);
        if (!target.supported()) {
            return Optional.of("Huitong cannot start: HUITONG_DB_URL " + target.display()
                    + " is not supported; use jdbc:postgresql://host:port/database or jdbc:h2:file:<path>.");
        }
        String password = value(env, "HUITONG_DB_PASSWORD", "");
        try (Connection ignored = connect(target, value(env, "HUITONG_DB_USER", "sa"), password)) {
            ownerOnly(Path.of(dataDir));
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(DatabaseProblems.explain(e, target, password));
        } catch (IOException e) {
            return Optional.of("Huitong cannot start: the data directory " + Path.of(dataDir).toAbsolutePath().normalize()
                    + " cannot be made readable by its owner only (" + e.getClass().getSimpleName() + ").");
        }
    }

    /**
     * The data directory holds the embedded database and the master key files: on a POSIX file system it and the files in it
     * are made its owner's alone (0700, files 0600), also when an earlier start left them readable by others.
     */
    static void ownerOnly(Path dataDir) throws IOException {
        if (!Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private static Connection connect(DatabaseTarget target, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Driver driver;
        if (target.kind() == DatabaseTarget.Kind.POSTGRESQL) {
            properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            properties.setProperty("connectTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            driver = new org.postgresql.Driver();
        } else {
            driver = new org.h2.Driver();
        }
        Connection connection = driver.connect(target.url(), properties);
        if (connection == null) {
            throw new SQLException("the driver does not accept this URL", "08001");
        }
        return connection;
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
