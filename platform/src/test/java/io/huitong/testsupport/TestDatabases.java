package io.huitong.testsupport;

import io.huitong.config.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Fresh databases for tests: every caller gets its own, migrated, and drops it when done.
 * PostgreSQL comes from {@code HUITONG_TEST_POSTGRES_URL} (default the local server's {@code test}
 * database, which is used only to create and drop per-test databases). When it can't be reached the
 * PostgreSQL tests are skipped — except with {@code CI=true}, where that is a failure.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL = env("HUITONG_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = env("HUITONG_TEST_POSTGRES_USER", "postgres");
    public static final String POSTGRES_PASSWORD = env("HUITONG_TEST_POSTGRES_PASSWORD", "");

    private TestDatabases() {
    }

    /** A database that lives as long as the caller keeps it: url, user, password, and a close that drops it. */
    public record TestDb(String url, String user, String password, String name, boolean postgres) implements AutoCloseable {

        public DataSource dataSource() {
            return new DriverManagerDataSource(url, user, password);
        }

        public TestDb migrated() {
            flyway().dataSource(url, user, password).load().migrate();
            return this;
        }

        @Override
        public void close() {
            if (postgres) {
                try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not drop test database " + name, e);
                }
            }
        }
    }

    /** Flyway as the platform configures it ({@link Migrations}). */
    public static FluentConfiguration flyway() {
        return Migrations.configure(Flyway.configure());
    }

    public static TestDb h2() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        return new TestDb("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa", "", name, false);
    }

    /** A new, empty PostgreSQL database; skips the test (or fails it under CI) when PostgreSQL is unreachable. */
    public static TestDb postgres() {
        requirePostgres();
        return create("huitong_t_", "");
    }

    /**
     * A new PostgreSQL database with every migration applied: a copy of a template this JVM migrated once (PostgreSQL
     * copies a small database faster than the migrations build it). Skips the test (or fails it under CI) when PostgreSQL
     * is unreachable.
     */
    public static TestDb postgresMigrated() {
        requirePostgres();
        return create("huitong_t_", " TEMPLATE " + migratedTemplate());
    }

    /** The migrated template of this JVM, made on first use and dropped when the JVM exits. */
    private static synchronized String migratedTemplate() {
        if (template == null) {
            TestDb made = create("huitong_tpl_", "").migrated();
            Runtime.getRuntime().addShutdownHook(new Thread(made::close, "drop-test-template"));
            template = made.name();
        }
        return template;
    }

    private static String template;

    private static TestDb create(String prefix, String clause) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + clause);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        int slash = POSTGRES_URL.lastIndexOf('/');
        int query = POSTGRES_URL.indexOf('?', slash);
        String url = POSTGRES_URL.substring(0, slash + 1) + name + (query >= 0 ? POSTGRES_URL.substring(query) : "");
        return new TestDb(url, POSTGRES_USER, POSTGRES_PASSWORD, name, true);
    }

    public static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void requirePostgres() {
        if (postgresReachable()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and PostgreSQL is not reachable at " + POSTGRES_URL
                    + " (user " + POSTGRES_USER + "): the PostgreSQL tests must run in CI");
        }
        Assumptions.abort("PostgreSQL not reachable at " + POSTGRES_URL + "; skipping PostgreSQL tests");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
