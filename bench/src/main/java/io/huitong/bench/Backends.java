package io.huitong.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static io.huitong.bench.BenchSupport.*;

/**
 * The CPU the server's backends of one database used, from /proc: the platform's pool keeps its connections, so the
 * backends alive at the start are those that serve the run; one that starts meanwhile counts from zero. Apart from
 * the server-wide count, it leaves out other databases' work on a shared server (but also the WAL writer, the
 * checkpointer and autovacuum).
 */
final class Backends {
    private final BenchConfig pg;
    private final String database;
    private Map<Long, Long> before = Map.of();

    Backends(BenchConfig pg, String database) {
        this.pg = pg;
        this.database = database;
    }

    void start() {
        before = ticks();
    }

    /** CPU milliseconds since {@link #start}. */
    double stop() {
        long total = 0;
        for (Map.Entry<Long, Long> e : ticks().entrySet()) {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return total * 10.0;
    }

    private Map<Long, Long> ticks() {
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pg.adminUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement("select pid from pg_stat_activity where datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    long t = Profile.processTicks(pid);
                    if (t >= 0) {
                        out.put(pid, t);
                    }
                }
            }
        } catch (SQLException e) {
            // no numbers then
        }
        return out;
    }
}
