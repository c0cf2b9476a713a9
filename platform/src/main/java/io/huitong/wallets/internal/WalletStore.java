package io.huitong.wallets.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.wallets.WalletMovement;
import io.huitong.wallets.WalletTransaction;
import io.huitong.wallets.domain.Outflow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The wallets' tables. */
final class WalletStore {

    static final String ACTIVE = "active";
    static final String FROZEN = "frozen";

    /** A wallet's row; {@code outflow}: what it moved out as its class counts it, null on a wallet not counted yet. */
    record WalletRow(String id, String userId, String status, Instant createdAt, Outflow outflow) {

        boolean frozen() {
            return FROZEN.equals(status);
        }
    }

    private static final String WALLET = "select id, user_id, status, created_at, outflow_total, outflow_year, outflow_year_of from wallet";
    private static final String TXN = "select id, type, amount, currency, status, counterparty, reference, created_at from wallet_txn";

    private static final String INSERT_TXN = "insert into wallet_txn (id, wallet_id, type, amount, currency, status, counterparty, reference,"
            + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final java.util.function.Consumer<WalletMovement> movements;
    private final String rowLock;

    /**
     * {@code batch}: for statements sent as one batch; {@code movements}: told of every history line written or changed, in
     * the same transaction ({@link WalletMovement}); {@code dialect}: the database's, for the lock a movement takes.
     */
    WalletStore(JdbcClient jdbc, JdbcTemplate batch, java.util.function.Consumer<WalletMovement> movements,
                io.huitong.kernel.SqlDialect dialect) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.movements = movements;
        this.rowLock = dialect.keyKeepingLock();
    }

    Optional<WalletRow> byUser(String userId) {
        return jdbc.sql(WALLET + " where user_id = ?").params(userId).query(WalletStore::wallet).optional();
    }

    Optional<WalletRow> byId(String walletId) {
        return jdbc.sql(WALLET + " where id = ?").params(walletId).query(WalletStore::wallet).optional();
    }

    /**
     * The wallet's row, locked until the transaction ends: every movement out of a wallet takes this lock first. The lock
     * keeps the row's key, so a payment code or history line inserted for the wallet meanwhile does not wait for it.
     */
    WalletRow lock(String walletId) {
        return jdbc.sql(WALLET + " where id = ?" + rowLock).params(walletId).query(WalletStore::wallet).single();
    }

    void insert(WalletRow row) {
        jdbc.sql("insert into wallet (id, user_id, status, created_at, updated_at, outflow_total, outflow_year, outflow_year_of)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.userId(), row.status(), DbTimes.at(row.createdAt()), DbTimes.at(row.createdAt()),
                        row.outflow().total(), row.outflow().year(), row.outflow().yearOf()).update();
    }

    /** Writes what the locked wallet moved out, as its class counts it. */
    void count(String walletId, Outflow outflow) {
        countAll(Map.of(walletId, outflow));
    }

    /** Writes what each locked wallet (by id) moved out, as its class counts it, in one batch. */
    void countAll(Map<String, Outflow> outflows) {
        List<Object[]> rows = new ArrayList<>(outflows.size());
        outflows.forEach((walletId, o) -> rows.add(new Object[] {o.total(), o.year(), o.yearOf(), walletId}));
        batch.batchUpdate("update wallet set outflow_total = ?, outflow_year = ?, outflow_year_of = ? where id = ?", rows);
    }

    void setStatus(String walletId, String status, Instant now) {
        jdbc.sql("update wallet set status = ?, updated_at = ? where id = ?").params(status, DbTimes.at(now), walletId).update();
    }

    /** The wallet's row, found by its consumer and locked as {@link #lock} locks it. */
    WalletRow lockByUser(String userId) {
        return jdbc.sql(WALLET + " where user_id = ?" + rowLock).params(userId).query(WalletStore::wallet).single();
    }

    /**
     * The wallets of these consumers, locked as {@link #lock} locks them, by consumer: one statement, which locks them in
     * the order of their consumers.
     */
    Map<String, WalletRow> lockByUsers(Collection<String> userIds) {
        Map<String, WalletRow> byUser = new LinkedHashMap<>();
        jdbc.sql(WALLET + " where user_id = any(?) order by user_id" + rowLock).param(userIds.toArray(String[]::new))
                .query(WalletStore::wallet).list().forEach(w -> byUser.put(w.userId(), w));
        return byUser;
    }

    /** Deletes at most {@code max} payment codes that expired before {@code before}, oldest first; answers how many. */
    int deleteCodesExpiredBefore(Instant before, int max) {
        return jdbc.sql("delete from wallet_payment_code where code_hash in (select code_hash from wallet_payment_code"
                        + " where expires_at < ? order by expires_at limit ?)")
                .params(DbTimes.at(before), max).update();
    }

    private static final String INSERT_CODE = "insert into wallet_payment_code (code_hash, wallet_id, created_at, expires_at)";
    private static final String INSERT_CODE_OF_ACTIVE_WALLET = INSERT_CODE + " select ?, id, ?, ? from wallet where user_id = ? and status = ?";

    /**
     * Stores a payment code's hash for the consumer's wallet, read as it inserts; false (nothing stored) when the consumer
     * has no wallet or it is not active.
     */
    boolean insertCodeOfActiveWallet(PaymentCodes.NewCode code) {
        return jdbc.sql(INSERT_CODE_OF_ACTIVE_WALLET)
                .params(code.hash(), DbTimes.at(code.issued()), DbTimes.at(code.expires()), code.userId(), ACTIVE).update() == 1;
    }

    /** {@link #insertCodeOfActiveWallet} for many codes, in one batch: answers, in order, whether each was stored. */
    boolean[] insertCodesOfActiveWallets(List<PaymentCodes.NewCode> codes) {
        List<Object[]> rows = new ArrayList<>(codes.size());
        for (PaymentCodes.NewCode c : codes) {
            rows.add(new Object[] {c.hash(), DbTimes.at(c.issued()), DbTimes.at(c.expires()), c.userId(), ACTIVE});
        }
        return counted(batch.batchUpdate(INSERT_CODE_OF_ACTIVE_WALLET, rows), "a payment code's insert");
    }

    /** Stores a payment code's hash for the wallet. */
    void insertCode(String walletId, String codeHash, Instant now, Instant expires) {
        jdbc.sql(INSERT_CODE + " values (?, ?, ?, ?)").params(codeHash, walletId, DbTimes.at(now), DbTimes.at(expires)).update();
    }

    /** A payment code a payment uses: the code's hash, the wallet it must be of, the payment. */
    record CodeUse(String codeHash, String walletId, String paymentId) {
    }

    /**
     * Marks each code used by its payment if it is the wallet's, unused and unexpired at {@code now}, in one batch;
     * answers, in order, whether each was.
     */
    boolean[] useCodes(List<CodeUse> uses, Instant now) {
        List<Object[]> rows = new ArrayList<>(uses.size());
        for (CodeUse u : uses) {
            rows.add(new Object[] {DbTimes.at(now), u.paymentId(), u.codeHash(), u.walletId(), DbTimes.at(now)});
        }
        return counted(batch.batchUpdate("update wallet_payment_code set used_at = ?, payment_id = ? where code_hash = ? and wallet_id = ?"
                + " and used_at is null and expires_at > ?", rows), "a payment code's use");
    }

    /** Whether each statement of a batch changed its one row; throws on a count that is neither 0 nor 1. */
    private static boolean[] counted(int[] changed, String what) {
        boolean[] one = new boolean[changed.length];
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] != 0 && changed[i] != 1) {
                // a driver that does not count a batch's statements: nothing is taken as done without its count
                throw new IllegalStateException("the driver counted " + changed[i] + " rows for " + what);
            }
            one[i] = changed[i] == 1;
        }
        return one;
    }

    /** Writes a line of the history of the consumer's wallet. */
    void insertTxn(String id, String walletId, String userId, String type, long amount, String currency, String status, String counterparty,
                   String reference, Instant now) {
        insertTxn(id, walletId, userId, type, amount, currency, status, counterparty, reference, null, now);
    }

    /** Writes a line of the wallet's history; {@code merchant}: the merchant a payment paid, null on other lines. */
    void insertTxn(String id, String walletId, String userId, String type, long amount, String currency, String status, String counterparty,
                   String reference, WalletMovement.Merchant merchant, Instant now) {
        insertTxns(List.of(new WalletMovement(id, walletId, userId, type, amount, currency, status, counterparty, reference, now, merchant)));
    }

    /** Writes these lines of wallets' histories, in one batch. */
    void insertTxns(List<WalletMovement> lines) {
        List<Object[]> rows = new ArrayList<>(lines.size());
        for (WalletMovement m : lines) {
            rows.add(new Object[] {m.lineId(), m.walletId(), m.type(), m.amount(), m.currency(), m.status(), m.counterparty(), m.reference(),
                    DbTimes.at(m.at())});
        }
        batch.batchUpdate(INSERT_TXN, rows);
        lines.forEach(movements);
    }

    void setTxnStatus(String walletId, String type, String reference, String status) {
        int changed = jdbc.sql("update wallet_txn set status = ? where wallet_id = ? and type = ? and reference = ? and status <> ?")
                .params(status, walletId, type, reference, status).update();
        if (changed > 0) {
            txnByReference(type, reference).filter(t -> t.walletId().equals(walletId)).ifPresent(t -> movements.accept(new WalletMovement(
                    t.line().id(), walletId, userOf(walletId), type, t.line().amount(), t.line().currency(), status, t.line().counterparty(),
                    reference, t.line().createdAt(), null)));
        }
    }

    private String userOf(String walletId) {
        return jdbc.sql("select user_id from wallet where id = ?").params(walletId).query(String.class).single();
    }

    /** The line of this type and reference, in any wallet. */
    Optional<TxnRow> txnByReference(String type, String reference) {
        return jdbc.sql("select wallet_id, id, type, amount, currency, status, counterparty, reference, created_at from wallet_txn"
                        + " where type = ? and reference = ?")
                .params(type, reference).query((rs, i) -> new TxnRow(rs.getString(1), txn(rs, 1))).optional();
    }

    record TxnRow(String walletId, WalletTransaction line) {
    }

    /**
     * What the history of a wallet opened before its class was counted on its row counts against it since {@code since}:
     * CNY payments and transfers out not failed, less refunds when {@code lessRefunds} (withdrawals counted nothing then).
     */
    long countedSince(String walletId, Instant since, boolean lessRefunds) {
        return Math.max(0, jdbc.sql("select coalesce(sum(-amount), 0) from wallet_txn where wallet_id = ? and currency = 'CNY'"
                        + " and type in ('transfer_out', 'payment'" + (lessRefunds ? ", 'refund'" : "") + ") and status <> 'failed'"
                        + " and created_at >= ?")
                .params(walletId, DbTimes.at(since)).query(Long.class).single());
    }

    Page<WalletTransaction> transactions(String walletId, PageRequest page) {
        PageRequest.Query q = page.byId(TXN, "wallet_id = ?", List.of(walletId), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query((rs, i) -> txn(rs, 0)).list(), page);
    }

    /** The history lines of one type and time range (either may be open), newest first. */
    Page<WalletTransaction> transactions(String walletId, io.huitong.wallets.TransactionFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("wallet_id = ?");
        List<Object> params = new java.util.ArrayList<>(List.of(walletId));
        if (filter.type() != null) {
            where.append(" and type = ?");
            params.add(filter.type());
        }
        if (filter.from() != null) {
            where.append(" and created_at >= ?");
            params.add(DbTimes.at(filter.from()));
        }
        if (filter.until() != null) {
            where.append(" and created_at < ?");
            params.add(DbTimes.at(filter.until()));
        }
        PageRequest.Query q = page.byId(TXN, where.toString(), params, "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query((rs, i) -> txn(rs, 0)).list(), page);
    }

    void insertTransfer(String id, String fromWalletId, String toWalletId, long amount, String currency, String note, Instant now) {
        jdbc.sql("insert into wallet_transfer (id, from_wallet_id, to_wallet_id, amount, currency, note, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, fromWalletId, toWalletId, amount, currency, note, DbTimes.at(now)).update();
    }

    Optional<String> setting(String name) {
        return jdbc.sql("select setting_value from wallet_setting where name = ?").params(name).query(String.class).optional();
    }

    void insertSetting(String name, String value) {
        jdbc.sql("insert into wallet_setting (name, setting_value) values (?, ?)").params(name, value).update();
    }

    private static WalletRow wallet(ResultSet rs, int row) throws SQLException {
        long total = rs.getLong(5);
        Outflow outflow = rs.wasNull() ? null : new Outflow(total, rs.getLong(6), rs.getInt(7));
        return new WalletRow(rs.getString(1), rs.getString(2), rs.getString(3), DbTimes.instant(rs, 4), outflow);
    }

    /** A history line from the columns after {@code offset}. */
    private static WalletTransaction txn(ResultSet rs, int offset) throws SQLException {
        return new WalletTransaction(rs.getString(offset + 1), "wallet_transaction", rs.getString(offset + 2), rs.getLong(offset + 3),
                rs.getString(offset + 4), rs.getString(offset + 5), rs.getString(offset + 6), rs.getString(offset + 7),
                DbTimes.instant(rs, offset + 8));
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}
