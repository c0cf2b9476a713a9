package io.huitong.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V85 on PostgreSQL: the five partial indexes exist, the statements that read them can use them as the platform
 * prepares them (a generic plan, the values unknown), and a hold still resolves only once.
 */
class PartialIndexesPostgresTest {

    static TestDb db;

    @BeforeAll
    static void database() {
        db = TestDatabases.postgresMigrated();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theIndexesHoldOnlyTheRowsTheirQueriesCanFind() {
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        assertThat(definition(jdbc, "ledger_transfer_resolves_once")).startsWith("CREATE UNIQUE INDEX").endsWith("WHERE (pending_id IS NOT NULL)");
        assertThat(definition(jdbc, "ledger_transfer_reverses")).endsWith("WHERE (reverses_id IS NOT NULL)");
        assertThat(definition(jdbc, "payment_unresolved")).contains("(resolve_after)").contains("WHERE")
                .contains("'processing'").contains("'requires_action'");
        assertThat(definition(jdbc, "risk_decision_card_id")).endsWith("WHERE (card_fingerprint IS NOT NULL)");
        assertThat(definition(jdbc, "risk_decision_user_id")).endsWith("WHERE (user_id IS NOT NULL)");
    }

    @Test
    void thePlatformsStatementsUseThemWithGenericPlans() throws SQLException {
        assertThat(genericPlan("select pending_id, kind from ledger_transfer where pending_id = any($1)", "text[]", "'{t_1,t_2}'"))
                .contains("ledger_transfer_resolves_once");
        assertThat(genericPlan("select reverses_id, sum(amount) from ledger_transfer where reverses_id = any($1) group by reverses_id",
                "text[]", "'{t_1}'")).contains("ledger_transfer_reverses");
        assertThat(genericPlan("select id from payment where status in ('processing', 'requires_action') and resolve_after <= $1"
                + " order by resolve_after limit 100", "timestamptz", "now()")).contains("payment_unresolved");
    }

    /** A card's or a consumer's decisions, among many others': the decision pages and the history a decision reads. */
    @Test
    void theRiskHistoryReadsACardsOrAConsumersDecisionsByTheirIndexes() throws SQLException {
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        jdbc.sql("insert into risk_decision (id, reference, kind, merchant_id, user_id, card_fingerprint, amount, currency, decision,"
                        + " score, reasons, rule_version, created_at)"
                        + " select 'rd_' || lpad(i::text, 6, '0'), 'pay_' || i, 'card_payment', 'mer_1',"
                        + " case when i % 2 = 0 then 'usr_' || (i % 5000) end, case when i % 2 = 1 then 'fp_' || (i % 5000) end,"
                        + " 100, 'CNY', 'allow', 0, '', 1, now() from generate_series(1, 20000) i")
                .update();
        jdbc.sql("analyze risk_decision").update();
        String page = "select id from risk_decision where card_fingerprint = $1 order by id desc limit 51";
        assertThat(genericPlan(page, "text", "'fp_1'")).contains("risk_decision_card_id");
        assertThat(genericPlan(page.replace("card_fingerprint", "user_id"), "text", "'usr_2'")).contains("risk_decision_user_id");
        String history = "select reference from risk_decision where (card_fingerprint = $1 or user_id = $2) and reference <> $3"
                + " order by id desc limit 20";
        assertThat(genericPlan(history, "text, text", "'fp_1', 'usr_2', 'pay_0'"))
                .contains("risk_decision_card_id").contains("risk_decision_user_id");
    }

    @Test
    void aHoldIsStillResolvedOnlyOnceAndTransfersWithoutOneShareNoKey() {
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        transfer(jdbc, "t_sale_1", null);
        transfer(jdbc, "t_sale_2", null);
        transfer(jdbc, "t_post_1", "t_hold_1");
        assertThatThrownBy(() -> transfer(jdbc, "t_void_1", "t_hold_1"))
                .hasMessageContaining("ledger_transfer_resolves_once");
        assertThat(jdbc.sql("select count(*) from ledger_transfer where pending_id = 't_hold_1'").query(Long.class).single()).isOne();
    }

    /**
     * The migration runs outside a transaction (its indexes are built concurrently), so a node stopped half-way leaves
     * some indexes replaced, one perhaps half-built or finished under its temporary name; the next start finishes the
     * work.
     */
    @Test
    void aMigrationInterruptedHalfWayFinishesOnItsNextRun() {
        try (TestDb interrupted = TestDatabases.postgres()) {
            TestDatabases.flyway().dataSource(interrupted.url(), interrupted.user(), interrupted.password())
                    .target("84").load().migrate();
            JdbcClient jdbc = JdbcClient.create(interrupted.dataSource());
            // the first index replaced, the second built under its temporary name, the old one still there
            jdbc.sql("drop index ledger_transfer_resolves_once").update();
            jdbc.sql("create unique index ledger_transfer_resolves_once on ledger_transfer (pending_id) where pending_id is not null").update();
            jdbc.sql("create index ledger_transfer_reverses_partial on ledger_transfer (reverses_id)").update();
            // the third built under its temporary name and the old one dropped, not yet renamed: the finished index is kept
            jdbc.sql("create index payment_unresolved_partial on payment (resolve_after) where status in ('processing', 'requires_action')").update();
            jdbc.sql("drop index payment_unresolved").update();
            long built = jdbc.sql("select oid from pg_class where relname = 'payment_unresolved_partial'").query(Long.class).single();
            interrupted.migrated();
            assertThat(jdbc.sql("select oid from pg_class where relname = 'payment_unresolved'").query(Long.class).single()).isEqualTo(built);
            for (String index : List.of("ledger_transfer_resolves_once", "ledger_transfer_reverses", "payment_unresolved",
                    "risk_decision_card_id", "risk_decision_user_id")) {
                assertThat(definition(jdbc, index)).as(index).contains(" WHERE ");
            }
            assertThat(definition(jdbc, "ledger_transfer_reverses")).endsWith("WHERE (reverses_id IS NOT NULL)");
            assertThat(jdbc.sql("select count(*) from pg_indexes where indexname like '%\\_partial'").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from pg_index where not indisvalid").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select success from flyway_schema_history where version = '85'").query(Boolean.class).single()).isTrue();
        }
    }

    private static void transfer(JdbcClient jdbc, String id, String pendingId) {
        jdbc.sql("insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, created_at)"
                        + " values (?, 'posted', 'a', 'b', 1, 'CNY', ?, now())")
                .params(id, pendingId).update();
    }

    private static String definition(JdbcClient jdbc, String index) {
        return jdbc.sql("select indexdef from pg_indexes where indexname = ?").params(index).query(String.class).single();
    }

    /** The plan PostgreSQL keeps for a prepared statement it plans once, with sequential scans priced out. */
    private static String genericPlan(String sql, String parameterType, String value) throws SQLException {
        DataSource source = db.dataSource();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("set plan_cache_mode = force_generic_plan");
            s.execute("set enable_seqscan = off");
            s.execute("prepare q(" + parameterType + ") as " + sql);
            List<String> lines = new ArrayList<>();
            try (var rows = s.executeQuery("explain execute q(" + value + ")")) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
