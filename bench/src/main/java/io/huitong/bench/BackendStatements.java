package io.huitong.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import static io.huitong.bench.BenchSupport.*;

/**
 * What the database's backends are doing, sampled from {@code pg_stat_activity} every 10 ms during the run: by
 * statement (its first words) and wait event for an active backend, and the backends that hold a transaction open
 * while the platform works. The share of samples is the share of the run's wall time a backend spent so.
 */
final class BackendStatements {
    private final BenchConfig pg;
    private final String database;
    private final Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean sampling;
    private Thread thread;
    private long samples;
    private long busy;

    BackendStatements(BenchConfig pg, String database) {
        this.pg = pg;
        this.database = database;
    }

    void start() {
        sampling = true;
        thread = Thread.ofPlatform().daemon().name("statement-sampler").start(() -> {
            try (Connection c = DriverManager.getConnection(pg.adminUrl(), pg.user(), pg.password());
                 PreparedStatement ps = c.prepareStatement("select state, wait_event_type, wait_event, left(query, 300)"
                         + " from pg_stat_activity where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend'"
                         + " and state <> 'idle'")) {
                ps.setString(1, database);
                while (sampling) {
                    try (ResultSet rs = ps.executeQuery()) {
                        boolean any = false;
                        while (rs.next()) {
                            any = true;
                            String state = rs.getString(1);
                            String wait = rs.getString(2) == null ? "on CPU" : rs.getString(2) + ":" + rs.getString(3);
                            String key = state.equals("active") ? label(rs.getString(4)) + "  [" + wait + "]"
                                    : state + " (the platform's turn between statements)";
                            counts.merge(key, 1L, Long::sum);
                        }
                        if (any) {
                            busy++;
                        }
                    }
                    samples++;
                    Thread.sleep(10);
                }
            } catch (SQLException e) {
                System.err.println("statement sampling stopped: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void stop() {
        sampling = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void print(double wallSeconds) {
        if (samples == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "what the database's backends did during the run (%,d samples of pg_stat_activity, one each %.0f ms;"
                + " share of the run's wall time, summed over backends):%n", samples, 1000 * wallSeconds / samples);
        double shown = 0;
        for (Map.Entry<String, Long> e : counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
            double share = 100.0 * e.getValue() / samples;
            if (share < 0.5 || shown > 0 && counts.size() > 16 && share < 1) {
                break;
            }
            shown += share;
            System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", share, e.getKey());
        }
        double all = counts.values().stream().mapToLong(Long::longValue).sum() * 100.0 / samples;
        System.out.printf(Locale.ROOT, "  %5.1f%%  the rest; %.1f%% of the time no backend of the database was active or in a transaction%n",
                all - shown, 100.0 - 100.0 * busy / samples);
    }

    /** A statement by its first words, with the settlement's and the ledger's statements named. */
    static String label(String sql) {
        if (sql == null) {
            return "?";
        }
        String s = sql.replaceAll("\\s+", " ").trim();
        if (s.startsWith("insert into settlement_line")) {
            return "take up lines (insert into settlement_line ... select ... ledger_entry join ledger_transfer)";
        }
        return s.length() > 110 ? s.substring(0, 110) + "..." : s;
    }
}
