package io.huitong.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scratch databases on the benchmarked server, made through the admin connection and always dropped
 * again — at the end of their use, or by a shutdown hook when the run is interrupted.
 */
final class Scratch {

    private final BenchConfig config;
    private final Set<String> live = ConcurrentHashMap.newKeySet();

    Scratch(BenchConfig config) {
        this.config = config;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : Set.copyOf(live)) {
                try {
                    drop(name);
                } catch (RuntimeException e) {
                    System.err.println("could not drop " + name + ": " + e.getMessage());
                }
            }
        }, "bench-scratch-cleanup"));
    }

    /** Creates a new, empty database named {@code prefix_<random>} and returns its name. */
    String create(String prefix) {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        String name = prefix + "_" + HexFormat.of().formatHex(random);
        execute("CREATE DATABASE " + name);
        live.add(name);
        return name;
    }

    /** Leaves {@code name} on the server when the run ends, for a closer look. */
    void keep(String name) {
        live.remove(name);
    }

    void drop(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        live.remove(name);
    }

    /** Flushes dirty buffers so that a run does not pay for the previous one's writes. Needs superuser; best effort. */
    void checkpoint() {
        try {
            execute("CHECKPOINT");
        } catch (RuntimeException e) {
            // Not a superuser: the run just starts with whatever the server has to write.
        }
    }

    /**
     * On a server with autovacuum off, analyzes the database, as autovacuum would have by the end of a warm-up: its
     * tables were empty when the platform's first statements were planned, and a plan cached for an empty table (a
     * sequential scan) would otherwise be kept for the whole run, however large the table grows. Answers whether it
     * analyzed.
     */
    boolean analyzeWithoutAutovacuum(String database) {
        if (!"off".equals(setting("autovacuum"))) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(config.urlFor(database), config.user(), config.password());
             Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE on " + database + " failed: " + e.getMessage(), e);
        }
    }

    String serverVersion() {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + config.adminUrl() + " as " + config.user()
                    + ": " + e.getMessage(), e);
        }
    }

    String setting(String name) {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    private void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(config.adminUrl(), config.user(), config.password());
    }
}
