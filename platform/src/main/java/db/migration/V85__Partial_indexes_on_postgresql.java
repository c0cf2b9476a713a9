package db.migration;

import io.huitong.kernel.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, five indexes hold only the rows their queries can find.
 * <ul>
 *   <li>{@code ledger_transfer_resolves_once} and {@code ledger_transfer_reverses}: a transfer's {@code pending_id} is
 *       set only when it resolves a hold, and its {@code reverses_id} only when it reverses a transfer. Every sale and
 *       fee wrote a null key into both. The queries look them up by value ({@code pending_id = any(?)}), which
 *       PostgreSQL knows only a row with a value can match; a second resolution of a hold is still refused.</li>
 *   <li>{@code payment_unresolved}: the unknown-outcome resolver reads payments that are {@code processing} or
 *       {@code requires_action} and due. A payment left the index's key range when it succeeded, but every change of
 *       its status wrote a new entry; now a payment's entry goes when its outcome is known.</li>
 *   <li>{@code risk_decision_card_id} and {@code risk_decision_user_id}: a card payment's decision has no consumer, and a
 *       wallet's none of a card; the history and the decision pages look both up by value.</li>
 * </ul>
 * The indexes are built {@code concurrently}, outside a transaction, so that the nodes still serving while one node
 * upgrades keep writing payments and transfers however large the tables are: each new index is built under a
 * temporary name beside the old one, then the old one is dropped and the new one takes its name. Run again after an
 * interruption, the migration goes on from where it stopped.
 * H2, the embedded database, has no partial indexes and keeps the full ones of the earlier migrations.
 */
public class V85__Partial_indexes_on_postgresql extends BaseJavaMigration {

    /** An index and the partial definition that replaces it ({@code %s} is the name it is built under). */
    record Partial(String name, String definition) {
    }

    static final List<Partial> INDEXES = List.of(
            new Partial("ledger_transfer_resolves_once",
                    "create unique index concurrently %s on ledger_transfer (pending_id) where pending_id is not null"),
            new Partial("ledger_transfer_reverses",
                    "create index concurrently %s on ledger_transfer (reverses_id) where reverses_id is not null"),
            new Partial("payment_unresolved",
                    "create index concurrently %s on payment (resolve_after) where status in ('processing', 'requires_action')"),
            new Partial("risk_decision_card_id",
                    "create index concurrently %s on risk_decision (card_fingerprint, id) where card_fingerprint is not null"),
            new Partial("risk_decision_user_id",
                    "create index concurrently %s on risk_decision (user_id, id) where user_id is not null"));

    @Override
    public boolean canExecuteInTransaction() {
        return false; // create index concurrently cannot run inside one
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!SqlDialect.of(connection).postgres()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (Partial index : INDEXES) {
                replace(connection, statement, index);
            }
        }
    }

    /**
     * Builds the partial index beside the old one, then drops the old one and gives the new one its name. After an
     * interruption: an index already replaced is left alone, a finished partial index under the temporary name is kept
     * (the old one may be gone already, and it is then what refuses a second resolution of a hold), and anything else
     * under that name (a build cut short, which PostgreSQL leaves invalid) is dropped and built again.
     */
    private static void replace(Connection connection, Statement statement, Partial index) throws SQLException {
        if (state(connection, index.name()) == State.PARTIAL) {
            return;
        }
        String building = index.name() + "_partial";
        State built = state(connection, building);
        if (built != State.PARTIAL) {
            if (built != State.ABSENT) {
                statement.execute("drop index concurrently " + building);
            }
            statement.execute(index.definition().formatted(building));
        }
        statement.execute("drop index concurrently if exists " + index.name());
        statement.execute("alter index " + building + " rename to " + index.name());
    }

    private enum State { ABSENT, PARTIAL, OTHER }

    /** Whether an index of this name exists, and whether it is a valid partial one. */
    private static State state(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select i.indisvalid and i.indpred is not null"
                + " from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ? and pg_table_is_visible(c.oid)")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return !row.next() ? State.ABSENT : row.getBoolean(1) ? State.PARTIAL : State.OTHER;
            }
        }
    }
}
