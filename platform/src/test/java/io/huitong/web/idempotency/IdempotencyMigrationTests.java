package io.huitong.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V17: keys stored before fingerprints were keyed hold the SHA-256 of their body (card number and CVC
 * included). The migration keeps every key and its stored answer, and erases those fingerprints.
 */
class IdempotencyMigrationTests {

    private static final String OLD_FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER_OLD_FINGERPRINT = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    @Test
    void onH2() {
        try (TestDatabases.TestDb db = TestDatabases.h2()) {
            migratesOldRows(db);
        }
    }

    @Test
    void onPostgres() {
        try (TestDatabases.TestDb db = TestDatabases.postgres()) {
            migratesOldRows(db);
        }
    }

    private static void migratesOldRows(TestDatabases.TestDb db) {
        // one connection throughout: H2 evaluates a table's IN (...) checks with the session that created it
        SingleConnectionDataSource connection = new SingleConnectionDataSource(db.url(), db.user(), db.password(), true);
        try {
            migratesOldRows(connection);
        } finally {
            connection.destroy();
        }
    }

    private static void migratesOldRows(DataSource db) {
        flyway(db).target("16").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, owner_token, lease_until, created_at,
                                                     response_status, response_content_type, response_location, response_body, completed_at)
                        VALUES ('merchant:mer_1', 'done', ?, 'completed', 'owner-1', ?, ?, 201, 'application/json', '/v1/payments/pay_1', ?, ?)""")
                .params(OLD_FINGERPRINT, now.plusSeconds(30), now, "{\"id\":\"pay_1\"}".getBytes(StandardCharsets.UTF_8), now)
                .update();
        jdbc.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, owner_token, lease_until, created_at)
                        VALUES ('merchant:mer_1', 'running', ?, 'in_flight', 'owner-2', ?, ?)""")
                .params(OTHER_OLD_FINGERPRINT, now.plusSeconds(30), now)
                .update();

        flyway(db).load().migrate();

        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT idem_key, fingerprint, fingerprint_version, state, response_status, response_location, response_body
                          FROM idempotency_key ORDER BY idem_key""")
                .query().listOfRows();
        assertThat(rows).hasSize(2);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("fingerprint")).isNotIn(OLD_FINGERPRINT, OTHER_OLD_FINGERPRINT);
            assertThat(((Number) row.get("fingerprint_version")).intValue()).isEqualTo(RequestFingerprint.ERASED);
            assertThat(row.get("fingerprint")).isEqualTo(RequestFingerprint.ERASED_MARK);
        }
        assertThat(rows.get(0).get("idem_key")).isEqualTo("done");
        assertThat(rows.get(0).get("state")).isEqualTo("completed");
        assertThat(((Number) rows.get(0).get("response_status")).intValue()).isEqualTo(201);
        assertThat(rows.get(0).get("response_location")).isEqualTo("/v1/payments/pay_1");
        assertThat(new String((byte[]) rows.get(0).get("response_body"), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"pay_1\"}");
        assertThat(rows.get(1).get("state")).isEqualTo("in_flight");

        // an instance of the earlier release, still running during the upgrade, knows nothing of the version
        jdbc.sql("""
                        INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, owner_token, lease_until, created_at)
                        VALUES ('merchant:mer_1', 'late', ?, 'in_flight', 'owner-3', ?, ?)""")
                .params(OLD_FINGERPRINT, now.plusSeconds(30), now)
                .update();
        assertThat(jdbc.sql("SELECT fingerprint_version FROM idempotency_key WHERE idem_key = 'late'").query(Integer.class).single())
                .isEqualTo(RequestFingerprint.UNKEYED);
    }

    private static FluentConfiguration flyway(DataSource db) {
        return TestDatabases.flyway().dataSource(db);
    }
}
