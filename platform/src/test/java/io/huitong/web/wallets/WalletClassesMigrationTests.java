package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V40: a consumer verified before channels were recorded is verified through the public-security channel, checked by
 * what is not known any more; a wallet opened before is not counted yet (its first movement out counts its history); a
 * withdrawal made before counted nothing.
 */
class WalletClassesMigrationTests {

    @Test
    void onH2() {
        try (TestDatabases.TestDb db = TestDatabases.h2()) {
            migratesEarlierRows(db);
        }
    }

    @Test
    void onPostgres() {
        try (TestDatabases.TestDb db = TestDatabases.postgres()) {
            migratesEarlierRows(db);
        }
    }

    private static void migratesEarlierRows(TestDatabases.TestDb db) {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(db.url(), db.user(), db.password(), true);
        try {
            migratesEarlierRows(connection);
        } finally {
            connection.destroy();
        }
    }

    private static void migratesEarlierRows(DataSource db) {
        flyway(db).target("31").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC);
        for (String user : new String[] {"usr_verified", "usr_not"}) {
            jdbc.sql("insert into consumer (id, phone, password_hash, name, created_at, updated_at) values (?, ?, 'hash', 'Li Lei', ?, ?)")
                    .params(user, user.equals("usr_not") ? "+8613900000001" : "+8613900000002", at, at).update();
            jdbc.sql("insert into wallet (id, user_id, status, created_at, updated_at) values (?, ?, 'active', ?, ?)")
                    .params("wal_" + user, user, at, at).update();
        }
        jdbc.sql("insert into consumer_verification (user_id, name, id_number, id_number_fingerprint, verified_at)"
                + " values ('usr_verified', 'v1.sealed', 'v1.sealed', 'fp', ?)").params(at).update();
        jdbc.sql("insert into wallet_withdrawal (id, wallet_id, amount, currency, status, bank_code, account_last4, account_name, created_at,"
                + " updated_at) values ('wdr_1', 'wal_usr_verified', 500, 'CNY', 'succeeded', 'ICBC', '2233', 'Li Lei', ?, ?)").params(at, at)
                .update();

        flyway(db).load().migrate();

        Map<String, Object> channel = jdbc.sql("select user_id, channel, checked_by, detail, operator_id from consumer_verification_channel")
                .query().singleRow();
        assertThat(channel.get("user_id")).isEqualTo("usr_verified");
        assertThat(channel.get("channel")).isEqualTo("public_security");
        assertThat(channel.get("checked_by")).isEqualTo("unknown");
        assertThat(channel.get("detail")).isNull();
        assertThat(channel.get("operator_id")).isNull();
        assertThat(jdbc.sql("select count(*) from wallet where outflow_total is null and outflow_year is null and outflow_year_of is null")
                .query(Long.class).single()).as("counted on their first movement out").isEqualTo(2);
        assertThat(jdbc.sql("select counted from wallet_withdrawal where id = 'wdr_1'").query(Boolean.class).single()).isFalse();
    }

    private static FluentConfiguration flyway(DataSource db) {
        return TestDatabases.flyway().dataSource(db);
    }
}
