package io.huitong.channels;

import io.huitong.kernel.DbTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The routing rules in the database (V8): one version row and one row per channel. */
final class RoutingStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    RoutingStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The stored version: 0 while no rules were stored. */
    long version() {
        return jdbc.sql("select version from routing where id = 1").query(Long.class).single();
    }

    /** The version and its rules, read in one statement so that they belong together. */
    RoutingTable load() {
        return jdbc.sql("select r.version, r.updated_at, c.name, c.enabled, c.methods, c.currencies, c.min_amount, c.max_amount,"
                        + " c.fee_bps, c.fee_fixed from routing r left join routing_channel c on 1 = 1 where r.id = 1 order by c.position")
                .query(RoutingStore::table);
    }

    /** Replaces every rule and bumps the version, in one transaction; the version row serializes writers. */
    RoutingTable replace(List<RoutingRule> rules, Instant now) {
        return tx.execute(s -> {
            jdbc.sql("update routing set version = version + 1, updated_at = ? where id = 1").param(DbTimes.at(now)).update();
            jdbc.sql("delete from routing_channel").update();
            int position = 0;
            for (RoutingRule r : rules) {
                jdbc.sql("insert into routing_channel (name, position, enabled, methods, currencies, min_amount, max_amount, fee_bps,"
                                + " fee_fixed) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(r.name(), position++, r.enabled(), String.join(",", r.methods()), String.join(",", r.currencies()),
                                r.minAmount(), r.maxAmount(), r.feeBps(), r.feeFixed())
                        .update();
            }
            return load();
        });
    }

    private static RoutingTable table(ResultSet rs) throws SQLException {
        long version = 0;
        Instant updatedAt = null;
        List<RoutingRule> rules = new ArrayList<>();
        while (rs.next()) {
            version = rs.getLong("version");
            updatedAt = DbTimes.instant(rs, 2);
            String name = rs.getString("name");
            if (name != null) {
                rules.add(new RoutingRule(name, rs.getBoolean("enabled"), split(rs.getString("methods")),
                        split(rs.getString("currencies")), rs.getObject("min_amount", Long.class), rs.getObject("max_amount", Long.class),
                        rs.getInt("fee_bps"), rs.getLong("fee_fixed")));
            }
        }
        return new RoutingTable(version, updatedAt, rules);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
