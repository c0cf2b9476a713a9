package db.migration;

import java.sql.Connection;
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
 * H2, the embedded database, has no partial indexes and keeps the full ones of the earlier migrations.
 */
public class V85__Partial_indexes_on_postgresql extends BaseJavaMigration {

    static final List<String> STATEMENTS = List.of(
            "drop index ledger_transfer_resolves_once",
            "create unique index ledger_transfer_resolves_once on ledger_transfer (pending_id) where pending_id is not null",
            "drop index ledger_transfer_reverses",
            "create index ledger_transfer_reverses on ledger_transfer (reverses_id) where reverses_id is not null",
            "drop index payment_unresolved",
            "create index payment_unresolved on payment (resolve_after) where status in ('processing', 'requires_action')",
            "drop index risk_decision_card_id",
            "create index risk_decision_card_id on risk_decision (card_fingerprint, id) where card_fingerprint is not null",
            "drop index risk_decision_user_id",
            "create index risk_decision_user_id on risk_decision (user_id, id) where user_id is not null");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
        }
    }
}
