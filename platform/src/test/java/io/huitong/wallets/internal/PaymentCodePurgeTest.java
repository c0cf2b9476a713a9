package io.huitong.wallets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.SqlDialect;
import io.huitong.testsupport.TestDatabases;
import io.huitong.wallets.domain.Outflow;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Payment codes a day past their expiry are deleted, oldest first and a bounded number at a time; codes still valid,
 * or expired less than a day ago, stay. On H2 and on PostgreSQL.
 */
class PaymentCodePurgeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void onH2() {
        try (TestDatabases.TestDb db = TestDatabases.h2().migrated()) {
            deletesOnlyCodesADayPastTheirExpiryOldestFirst(db.dataSource(), SqlDialect.OTHER);
        }
    }

    @Test
    void onPostgres() {
        try (TestDatabases.TestDb db = TestDatabases.postgresMigrated()) {
            deletesOnlyCodesADayPastTheirExpiryOldestFirst(db.dataSource(), SqlDialect.POSTGRES);
        }
    }

    private static void deletesOnlyCodesADayPastTheirExpiryOldestFirst(DataSource ds, SqlDialect dialect) {
        JdbcClient jdbc = JdbcClient.create(ds);
        WalletStore store = new WalletStore(jdbc, new JdbcTemplate(ds), m -> { }, dialect);
        store.insert(new WalletStore.WalletRow("wal_purge", "usr_purge", WalletStore.ACTIVE, NOW.minus(Duration.ofDays(10)), Outflow.none(2026)));
        code(store, "a", NOW.minus(Duration.ofDays(3)));               // used, then forgotten
        jdbc.sql("update wallet_payment_code set used_at = ?, payment_id = 'pay_1' where code_hash = ?")
                .params(Timestamp.from(NOW.minus(Duration.ofDays(3))), "a".repeat(64)).update();
        code(store, "b", NOW.minus(Duration.ofDays(2)));               // expired unused
        code(store, "c", NOW.minus(Duration.ofHours(23)));             // expired, kept a little longer
        code(store, "d", NOW.plusSeconds(30));                         // still valid
        Instant before = NOW.minus(PaymentCodes.KEPT_AFTER_EXPIRY);

        assertThat(store.deleteCodesExpiredBefore(before, 1)).as("one at most").isEqualTo(1);
        assertThat(hashes(jdbc)).as("the oldest went first").containsExactly("b", "c", "d");
        assertThat(store.deleteCodesExpiredBefore(before, PaymentCodes.PURGE_BATCH)).isEqualTo(1);
        assertThat(store.deleteCodesExpiredBefore(before, PaymentCodes.PURGE_BATCH)).as("nothing left to delete").isZero();
        assertThat(hashes(jdbc)).containsExactly("c", "d");
    }

    private static void code(WalletStore store, String letter, Instant expires) {
        store.insertCode("wal_purge", letter.repeat(64), expires.minusSeconds(60), expires);
    }

    private static java.util.List<String> hashes(JdbcClient jdbc) {
        return jdbc.sql("select code_hash from wallet_payment_code order by code_hash").query(String.class).list().stream()
                .map(h -> h.substring(0, 1)).toList();
    }
}
