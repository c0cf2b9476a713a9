package io.huitong.ledger.jdbc;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.Account;
import io.huitong.ledger.AccountFlag;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Entry;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferKind;
import io.huitong.ledger.UnrepresentableAccountException;
import io.huitong.ledger.domain.AccountState;
import io.huitong.ledger.domain.EntryLine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ledger's SQL, on one connection that the caller owns (and whose transaction it controls). */
final class LedgerStore {

    private static final String ACCOUNT_COLUMNS =
            "id, currency, account_type, owner_ref, flags, code, debits_pending, debits_posted, credits_pending, credits_posted, created_at";
    private static final String TRANSFER_COLUMNS =
            "id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, reverses_id, expires_at, code, reference, created_at";

    private static final int SHARDS = AccountRows.SHARDS;

    /** From this many rows on, PostgreSQL gets one array statement; below, plain statements plan and run faster. */
    private static final int ARRAY_ROWS = 8;

    private final Connection c;
    private final io.huitong.kernel.SqlDialect dialect;

    /** @param dialect rows are locked as it locks rows whose key stays ({@link io.huitong.kernel.SqlDialect#keyKeepingLock()}) */
    LedgerStore(Connection connection, io.huitong.kernel.SqlDialect dialect) {
        this.c = connection;
        this.dialect = dialect;
    }

    /** Locks the accounts in id order (so that concurrent batches can't deadlock) and returns their totals. */
    Map<String, Account> lockAccounts(Collection<String> ids) throws SQLException {
        return accounts(ids, " order by id" + dialect.keyKeepingLock());
    }

    /** Account rows as stored; an account without limits has more of its totals in its shards. */
    Map<String, Account> accounts(Collection<String> ids) throws SQLException {
        return accounts(ids, "");
    }

    private Map<String, Account> accounts(Collection<String> ids, String suffix) throws SQLException {
        return byIds("select " + ACCOUNT_COLUMNS + " from ledger_account where id = any(?)" + suffix, ids,
                rs -> rs.getString(1), LedgerStore::account);
    }

    /**
     * Accounts with their full totals: the row's plus its shards'.
     *
     * @throws UnrepresentableAccountException for an account whose totals don't fit in a long
     */
    Map<String, Account> accountsWithTotals(Collection<String> ids) throws SQLException {
        Map<String, Account> rows = accounts(ids);
        Map<String, BigInteger[]> shards = shardTotals(rows.values().stream().filter(a -> a.flags().isEmpty()).map(Account::id).toList());
        rows.replaceAll((id, a) -> withShards(a, shards.get(id)));
        return rows;
    }

    /** Sums as numbers (the sum of bigints may not be one), so that an account beyond a long can be told apart. */
    private Map<String, BigInteger[]> shardTotals(Collection<String> ids) throws SQLException {
        return byIds("select account_id, sum(debits_pending), sum(debits_posted), sum(credits_pending), sum(credits_posted)"
                + " from ledger_account_shard where account_id = any(?) group by account_id", ids, rs -> rs.getString(1),
                rs -> new BigInteger[] {integer(rs, 2), integer(rs, 3), integer(rs, 4), integer(rs, 5)});
    }

    private static BigInteger integer(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? BigInteger.ZERO : v.toBigIntegerExact();
    }

    private static Account withShards(Account a, BigInteger[] s) {
        if (s == null) {
            return a;
        }
        BigInteger[] t = {s[0].add(BigInteger.valueOf(a.debitsPending())), s[1].add(BigInteger.valueOf(a.debitsPosted())),
                s[2].add(BigInteger.valueOf(a.creditsPending())), s[3].add(BigInteger.valueOf(a.creditsPosted()))};
        if (!AccountRows.representable(t)) {
            throw new UnrepresentableAccountException(a.id());
        }
        return new Account(a.id(), a.currency(), a.type(), a.ownerRef(), a.flags(), a.code(), t[0].longValueExact(),
                t[1].longValueExact(), t[2].longValueExact(), t[3].longValueExact(), a.createdAt());
    }

    /**
     * Locks the shard rows of accounts without limits whose own rows the caller has locked (shards after
     * account rows, in (account, shard) order, as every writer goes) and returns all their rows. A
     * missing shard row is created, so that the rows are always all there when they are spread again.
     */
    Map<String, AccountRows> lockRows(List<Account> lockedAccounts) throws SQLException {
        Map<String, long[][]> rows = new HashMap<>();
        for (Account a : lockedAccounts) {
            long[][] r = new long[SHARDS][];
            r[0] = new long[] {a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted()};
            rows.put(a.id(), r);
        }
        if (rows.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement ps = c.prepareStatement("select account_id, shard, debits_pending, debits_posted, credits_pending,"
                + " credits_posted from ledger_account_shard where account_id = any(?) order by account_id, shard"
                + dialect.keyKeepingLock())) {
            ps.setArray(1, array(rows.keySet()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int shard = rs.getInt(2);
                    if (shard > 0 && shard < SHARDS) {
                        rows.get(rs.getString(1))[shard] = new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
                    }
                }
            }
        }
        List<Map.Entry<String, Integer>> missing = new ArrayList<>();
        rows.forEach((id, r) -> {
            for (int shard = 1; shard < SHARDS; shard++) {
                if (r[shard] == null) {
                    r[shard] = new long[4];
                    missing.add(Map.entry(id, shard));
                }
            }
        });
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into ledger_account_shard (account_id, shard) values (?, ?)")) {
                for (Map.Entry<String, Integer> m : missing) {
                    ps.setString(1, m.getKey());
                    ps.setInt(2, m.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        Map<String, AccountRows> out = new HashMap<>();
        for (Account a : lockedAccounts) {
            out.put(a.id(), new AccountRows(a, rows.get(a.id())));
        }
        return out;
    }

    void insertShards(List<String> accountIds) throws SQLException {
        if (accountIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_account_shard (account_id, shard) values (?, ?)")) {
            for (String id : accountIds) {
                for (int shard = 1; shard < SHARDS; shard++) {
                    ps.setString(1, id);
                    ps.setInt(2, shard);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    Map<String, Transfer> transfers(Collection<String> ids) throws SQLException {
        return byIds("select " + TRANSFER_COLUMNS + " from ledger_transfer where id = any(?)", ids,
                rs -> rs.getString(1), LedgerStore::transfer);
    }

    Map<String, TransferKind> resolutions(Collection<String> pendingIds) throws SQLException {
        return byIds("select pending_id, kind from ledger_transfer where pending_id = any(?)", pendingIds,
                rs -> rs.getString(1), rs -> TransferKind.valueOf(rs.getString(2)));
    }

    Map<String, Long> reversedAmounts(Collection<String> originalIds) throws SQLException {
        return byIds("select reverses_id, sum(amount) from ledger_transfer where reverses_id = any(?) group by reverses_id",
                originalIds, rs -> rs.getString(1), rs -> rs.getLong(2));
    }

    /** Runs a query whose one parameter is the array of ids, and keys its rows. */
    private <V> Map<String, V> byIds(String sql, Collection<String> ids, RowMapper<String> key, RowMapper<V> value) throws SQLException {
        Map<String, V> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, array(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(key.map(rs), value.map(rs));
                }
            }
        }
        return out;
    }

    void insertAccounts(List<NewAccount> accounts, Instant now) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_account (id, currency, account_type, owner_ref, flags, code, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
            for (NewAccount a : accounts) {
                ps.setString(1, a.id());
                ps.setString(2, a.currency());
                ps.setString(3, a.type().name());
                ps.setString(4, a.ownerRef());
                ps.setInt(5, AccountFlag.toBits(a.flags()));
                ps.setString(6, a.code());
                ps.setObject(7, timestamp(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void insertTransfers(List<Transfer> transfers) throws SQLException {
        if (transfers.isEmpty()) {
            return;
        }
        if (dialect.postgres() && transfers.size() >= ARRAY_ROWS) {
            insertTransfersAsArrays(transfers);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_transfer (" + TRANSFER_COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Transfer t : transfers) {
                ps.setString(1, t.id());
                ps.setString(2, t.kind().name());
                ps.setString(3, t.debitAccountId());
                ps.setString(4, t.creditAccountId());
                ps.setLong(5, t.amount());
                ps.setString(6, t.currency());
                ps.setString(7, t.pendingId());
                ps.setString(8, t.reversesId());
                if (t.expiresAt() == null) {
                    ps.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(9, timestamp(t.expiresAt()));
                }
                ps.setString(10, t.code());
                ps.setString(11, t.reference());
                ps.setObject(12, timestamp(t.createdAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * On PostgreSQL a whole batch is one statement over arrays: one parse plan whatever the batch
     * size, and one round trip.
     */
    private void insertTransfersAsArrays(List<Transfer> transfers) throws SQLException {
        int n = transfers.size();
        Object[][] cols = new Object[11][n];
        for (int i = 0; i < n; i++) {
            Transfer t = transfers.get(i);
            cols[0][i] = t.id();
            cols[1][i] = t.kind().name();
            cols[2][i] = t.debitAccountId();
            cols[3][i] = t.creditAccountId();
            cols[4][i] = t.amount();
            cols[5][i] = t.currency();
            cols[6][i] = t.pendingId();
            cols[7][i] = t.reversesId();
            cols[8][i] = t.expiresAt() == null ? null : DbTimes.micros(t.expiresAt());
            cols[9][i] = t.code();
            cols[10][i] = t.reference();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_transfer (" + TRANSFER_COLUMNS + ")"
                + " select t.id, t.kind, t.debit, t.credit, t.amount, t.currency, t.pending, t.reverses,"
                + " timestamptz 'epoch' + t.expires * interval '1 microsecond', t.code, t.reference, ?"
                + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[])"
                + " as t(id, kind, debit, credit, amount, currency, pending, reverses, expires, code, reference)")) {
            ps.setObject(1, timestamp(transfers.getFirst().createdAt()));
            String[] types = {"varchar", "varchar", "varchar", "varchar", "bigint", "varchar", "varchar", "varchar", "bigint", "varchar", "varchar"};
            for (int col = 0; col < cols.length; col++) {
                ps.setArray(col + 2, c.createArrayOf(types[col], cols[col]));
            }
            ps.executeUpdate();
        }
    }

    void insertEntries(List<EntryLine> entries, Instant now) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        if (dialect.postgres() && entries.size() >= ARRAY_ROWS) {
            int n = entries.size();
            Object[][] cols = new Object[6][n];
            for (int i = 0; i < n; i++) {
                EntryLine e = entries.get(i);
                cols[0][i] = e.transferId();
                cols[1][i] = e.accountId();
                cols[2][i] = e.currency();
                cols[3][i] = e.layer().wireName();
                cols[4][i] = e.direction().wireName();
                cols[5][i] = e.amount();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                    + " select e.t, e.a, e.c, e.l, e.d, e.m, ? from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
                    + " ?::varchar[], ?::bigint[]) as e(t, a, c, l, d, m)")) {
                ps.setObject(1, timestamp(now));
                String[] types = {"varchar", "varchar", "varchar", "varchar", "varchar", "bigint"};
                for (int col = 0; col < cols.length; col++) {
                    ps.setArray(col + 2, c.createArrayOf(types[col], cols[col]));
                }
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime at = timestamp(now);
            for (EntryLine e : entries) {
                ps.setString(1, e.transferId());
                ps.setString(2, e.accountId());
                ps.setString(3, e.currency());
                ps.setString(4, e.layer().wireName());
                ps.setString(5, e.direction().wireName());
                ps.setLong(6, e.amount());
                ps.setObject(7, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Adds this batch's changes to the accounts' totals, in id order. Increments rather than absolute
     * values: an account without balance limits is not locked before this point, so its row lock is
     * held only from here to commit.
     *
     * <p>Where an account's change goes: an account with limits has all its totals on its own row. One
     * without limits whose rows are all locked ({@code whole}) gets its new totals spread over its rows
     * again. Otherwise, when the caller holds the account's own row ({@code ownRowsLocked}), the change
     * goes there (the engine was given that row's room); when it doesn't, to a row picked at random. Both
     * updates carry the row's limit ({@link AccountRows}) as a condition, checked by the database on the
     * row as it is when the update gets it.
     *
     * @throws LedgerConflict when a row picked at random could not take the change: the batch must be
     *         decided again with locks, on the room of the account's own row or, failing that, its whole room
     */
    void addToTotals(Collection<AccountState> accounts, boolean ownRowsLocked, Map<String, AccountRows> whole) throws SQLException {
        List<RowChange> rows = new ArrayList<>();
        List<RowChange> shards = new ArrayList<>();
        Map<String, long[][]> spreads = new java.util.TreeMap<>();
        List<AccountState> ordered = new ArrayList<>(accounts);
        // rows are locked in id order in every transaction, so writers never wait on each other in a circle
        ordered.sort(java.util.Comparator.comparing(AccountState::id));
        for (AccountState a : ordered) {
            long[] deltas = a.deltas();
            AccountRows all = whole.get(a.id());
            long[][] spread = all == null ? null : all.spread(deltas);
            if (spread != null) {
                spreads.put(a.id(), spread);
            } else if (a.limited() || all != null) {
                // an account with limits, or one already beyond a long (the engine let only decreases through)
                rows.add(new RowChange(a.id(), 0, deltas, false));
            } else {
                int shard = ownRowsLocked ? 0 : ShardChoices.shardOf(a.id());
                (shard == 0 ? rows : shards).add(new RowChange(a.id(), shard, deltas, true));
            }
        }
        int refused = addTo("ledger_account", "id", rows, false) + addTo("ledger_account_shard", "account_id", shards, true);
        if (refused > 0) {
            throw new LedgerConflict(refused + " rows of accounts without limits could not take this batch's changes");
        }
        writeSpreads(spreads);
    }

    /** One account's change on one of its rows; {@code guarded}: only if the row stays within its limit. */
    private record RowChange(String id, int shard, long[] deltas, boolean guarded) {

        /** The most the row's debits may be before the change, or null when there is nothing to check. */
        Long debitCeiling() {
            return ceiling(deltas[0] + deltas[1]);
        }

        Long creditCeiling() {
            return ceiling(deltas[2] + deltas[3]);
        }

        private Long ceiling(long sideDelta) {
            return guarded && sideDelta > 0 ? AccountRows.limit(shard) - sideDelta : null;
        }
    }

    /**
     * Adds deltas to rows of one table, in the given (id) order, in one round trip, and answers how many
     * rows were not updated because their limit would have been passed.
     */
    private int addTo(String table, String idColumn, List<RowChange> ordered, boolean sharded) throws SQLException {
        if (ordered.isEmpty()) {
            return 0;
        }
        if (dialect.postgres() && ordered.size() >= ARRAY_ROWS) {
            int n = ordered.size();
            Object[] ids = new Object[n];
            Object[] shardIds = new Object[n];
            Object[][] cols = new Object[6][n];
            for (int i = 0; i < n; i++) {
                RowChange r = ordered.get(i);
                ids[i] = r.id();
                shardIds[i] = r.shard();
                for (int k = 0; k < 4; k++) {
                    cols[k][i] = r.deltas()[k];
                }
                cols[4][i] = r.debitCeiling();
                cols[5][i] = r.creditCeiling();
            }
            try (PreparedStatement ps = c.prepareStatement("update " + table + " t set debits_pending = t.debits_pending + d.dpe,"
                    + " debits_posted = t.debits_posted + d.dpo, credits_pending = t.credits_pending + d.cpe,"
                    + " credits_posted = t.credits_posted + d.cpo"
                    + " from unnest(?::varchar[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
                    + " as d(id, shard, dpe, dpo, cpe, cpo, dcap, ccap)"
                    + " where t." + idColumn + " = d.id" + (sharded ? " and t.shard = d.shard" : "")
                    + guard("d.dcap", "d.dcap", "d.ccap", "d.ccap"))) {
                ps.setArray(1, c.createArrayOf("varchar", ids));
                ps.setArray(2, c.createArrayOf("int4", shardIds));
                for (int k = 0; k < 6; k++) {
                    ps.setArray(k + 3, c.createArrayOf("bigint", cols[k]));
                }
                return n - ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update " + table + " t set debits_pending = debits_pending + ?,"
                + " debits_posted = debits_posted + ?, credits_pending = credits_pending + ?, credits_posted = credits_posted + ?"
                + " where t." + idColumn + " = ?" + (sharded ? " and t.shard = ?" : "")
                + guard("cast(? as bigint)", "?", "cast(? as bigint)", "?"))) {
            for (RowChange r : ordered) {
                int i = 1;
                for (long d : r.deltas()) {
                    ps.setLong(i++, d);
                }
                ps.setString(i++, r.id());
                if (sharded) {
                    ps.setInt(i++, r.shard());
                }
                for (Long ceiling : new Long[] {r.debitCeiling(), r.creditCeiling()}) {
                    for (int twice = 0; twice < 2; twice++) {
                        if (ceiling == null) {
                            ps.setNull(i++, Types.BIGINT);
                        } else {
                            ps.setLong(i++, ceiling);
                        }
                    }
                }
                ps.addBatch();
            }
            int notUpdated = 0;
            for (int count : ps.executeBatch()) {
                notUpdated += count == 1 ? 0 : 1;
            }
            return notUpdated;
        }
    }

    /**
     * The condition that each side of the row, plus the change, stays within the row's limit: the side
     * is at most its ceiling (the limit less the change), unless the ceiling is null. The side is summed
     * as a number: a row written before the limits may hold anything.
     */
    private static String guard(String debitCeiling, String debitCeilingAgain, String creditCeiling, String creditCeilingAgain) {
        return " and (" + debitCeiling + " is null or cast(t.debits_posted as numeric(20)) + t.debits_pending <= " + debitCeilingAgain + ")"
                + " and (" + creditCeiling + " is null or cast(t.credits_posted as numeric(20)) + t.credits_pending <= " + creditCeilingAgain + ")";
    }

    /** Writes the new totals of accounts whose rows are all locked, spread over their rows. */
    private void writeSpreads(Map<String, long[][]> spreads) throws SQLException {
        if (spreads.isEmpty()) {
            return;
        }
        String set = " set debits_pending = ?, debits_posted = ?, credits_pending = ?, credits_posted = ?";
        try (PreparedStatement own = c.prepareStatement("update ledger_account" + set + " where id = ?");
             PreparedStatement shard = c.prepareStatement("update ledger_account_shard" + set + " where account_id = ? and shard = ?")) {
            for (Map.Entry<String, long[][]> e : spreads.entrySet()) {
                long[][] rows = e.getValue();
                for (int i = 0; i < rows.length; i++) {
                    PreparedStatement ps = i == 0 ? own : shard;
                    for (int k = 0; k < 4; k++) {
                        ps.setLong(k + 1, rows[i][k]);
                    }
                    ps.setString(5, e.getKey());
                    if (i > 0) {
                        ps.setInt(6, i);
                    }
                    ps.addBatch();
                }
            }
            own.executeBatch();
            shard.executeBatch();
        }
    }

    /** Keeps {@code ledger_open_hold} in step with a batch: new holds with an expiry in, resolved holds out. */
    void trackOpenHolds(List<Transfer> transfers) throws SQLException {
        List<Transfer> opened = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (Transfer t : transfers) {
            if (t.kind() == TransferKind.PENDING && t.expiresAt() != null) {
                opened.add(t);
            } else if (t.pendingId() != null) {
                resolved.add(t.pendingId());
            }
        }
        if (!opened.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into ledger_open_hold (transfer_id, expires_at) values (?, ?)")) {
                for (Transfer t : opened) {
                    ps.setString(1, t.id());
                    ps.setObject(2, timestamp(t.expiresAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!resolved.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("delete from ledger_open_hold where transfer_id = ?")) {
                for (String id : resolved) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Open holds whose timeout has passed. */
    List<String> dueHolds(Instant now, int max) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select transfer_id from ledger_open_hold where expires_at <= ?"
                + " order by expires_at, transfer_id limit ?")) {
            ps.setObject(1, timestamp(now));
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    Page<Account> listAccounts(String ownerRef, PageRequest page) throws SQLException {
        String filter = ownerRef == null ? "" : "owner_ref = ?";
        Page<Account> rows = list("select " + ACCOUNT_COLUMNS + " from ledger_account", "ledger_account", filter,
                ownerRef == null ? List.of() : List.of(ownerRef), page, LedgerStore::account);
        Map<String, BigInteger[]> shards = shardTotals(rows.data().stream().filter(a -> a.flags().isEmpty()).map(Account::id).toList());
        return rows.map(a -> withShards(a, shards.get(a.id())));
    }

    Page<Transfer> listTransfers(String accountId, PageRequest page) throws SQLException {
        String filter = accountId == null ? "" : "(debit_account_id = ? or credit_account_id = ?)";
        return list("select " + TRANSFER_COLUMNS + " from ledger_transfer", "ledger_transfer", filter,
                accountId == null ? List.of() : List.of(accountId, accountId), page, LedgerStore::transfer);
    }

    Page<Entry> listEntries(List<String> accountIds, boolean postedOnly, PageRequest page) throws SQLException {
        if (accountIds.isEmpty()) {
            return new Page<>(List.of(), false);
        }
        long after = cursor(page.startingAfter());
        long before = cursor(page.endingBefore());
        boolean backwards = page.endingBefore() != null;
        String sql = "select id, transfer_id, account_id, currency, layer, direction, amount, created_at from ledger_entry"
                + " where account_id in (" + String.join(", ", java.util.Collections.nCopies(accountIds.size(), "?")) + ")"
                + (postedOnly ? " and layer = 'posted'" : "")
                + (page.startingAfter() != null ? " and id < ?" : "")
                + (backwards ? " and id > ? order by id asc" : " order by id desc") + " limit ?";
        List<Entry> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String accountId : accountIds) {
                ps.setString(i++, accountId);
            }
            if (page.startingAfter() != null) {
                ps.setLong(i++, after);
            }
            if (backwards) {
                ps.setLong(i++, before);
            }
            ps.setInt(i, page.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7), instant(rs, 8)));
                }
            }
        }
        return Page.fromRows(rows, page.limit(), backwards);
    }

    /**
     * Per currency: accounts, posted and pending sums recomputed from entries (clamped to a long: a sum
     * beyond one is not zero either), entry count, accounts whose totals differ, and accounts whose totals
     * can't be represented.
     */
    record CurrencyCheck(String currency, long accounts, long postedSum, long pendingSum, long entries, long mismatched,
                         long unrepresentable) {
    }

    // every sum is a number in both databases (the sum of bigints, and a bigint plus such a sum), never a
    // bigint that could overflow while the check is computing it
    private static final String ENTRY_TOTALS = "with e as (select account_id,"
            + " sum(case when layer = 'pending' and direction = 'debit' then amount else 0 end) as dpe,"
            + " sum(case when layer = 'posted' and direction = 'debit' then amount else 0 end) as dpo,"
            + " sum(case when layer = 'pending' and direction = 'credit' then amount else 0 end) as cpe,"
            + " sum(case when layer = 'posted' and direction = 'credit' then amount else 0 end) as cpo,"
            + " count(*) as n from ledger_entry group by account_id),"
            + " sh as (select account_id, sum(debits_pending) as dpe, sum(debits_posted) as dpo, sum(credits_pending) as cpe,"
            + " sum(credits_posted) as cpo from ledger_account_shard group by account_id) ";
    private static final String MISMATCH = "(a.debits_pending + coalesce(sh.dpe, 0) <> coalesce(e.dpe, 0)"
            + " or a.debits_posted + coalesce(sh.dpo, 0) <> coalesce(e.dpo, 0)"
            + " or a.credits_pending + coalesce(sh.cpe, 0) <> coalesce(e.cpe, 0)"
            + " or a.credits_posted + coalesce(sh.cpo, 0) <> coalesce(e.cpo, 0))";
    private static final String LONG_MIN = Long.toString(Long.MIN_VALUE);
    private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);
    /** An account whose stored totals, or a side's posted plus pending, don't fit in a long: it can't be read. */
    private static final String UNREPRESENTABLE = "(" + beyondLong("a.debits_pending + coalesce(sh.dpe, 0)")
            + " or " + beyondLong("a.debits_posted + coalesce(sh.dpo, 0)")
            + " or " + beyondLong("a.credits_pending + coalesce(sh.cpe, 0)")
            + " or " + beyondLong("a.credits_posted + coalesce(sh.cpo, 0)")
            + " or (a.debits_posted + coalesce(sh.dpo, 0)) + (a.debits_pending + coalesce(sh.dpe, 0)) > " + LONG_MAX
            + " or (a.credits_posted + coalesce(sh.cpo, 0)) + (a.credits_pending + coalesce(sh.cpe, 0)) > " + LONG_MAX + ")";
    private static final String ACCOUNTS_WITH_SUMS = " from ledger_account a left join e on e.account_id = a.id"
            + " left join sh on sh.account_id = a.id";

    private static String beyondLong(String sum) {
        return "(" + sum + ") not between " + LONG_MIN + " and " + LONG_MAX;
    }

    List<CurrencyCheck> checkByCurrency() throws SQLException {
        String sql = ENTRY_TOTALS + "select a.currency, count(*),"
                + " coalesce(sum(coalesce(e.cpo, 0) - coalesce(e.dpo, 0)), 0),"
                + " coalesce(sum(coalesce(e.cpe, 0) - coalesce(e.dpe, 0)), 0),"
                + " coalesce(sum(coalesce(e.n, 0)), 0),"
                + " coalesce(sum(case when " + MISMATCH + " then 1 else 0 end), 0),"
                + " coalesce(sum(case when " + UNREPRESENTABLE + " then 1 else 0 end), 0)"
                + ACCOUNTS_WITH_SUMS + " group by a.currency order by a.currency";
        List<CurrencyCheck> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CurrencyCheck(rs.getString(1), rs.getLong(2), clamped(rs, 3), clamped(rs, 4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)));
            }
        }
        return out;
    }

    private static long clamped(ResultSet rs, int column) throws SQLException {
        BigInteger v = integer(rs, column);
        return v.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    List<String> mismatchedAccounts(int max) throws SQLException {
        return accountsWhere(MISMATCH, max);
    }

    List<String> unrepresentableAccounts(int max) throws SQLException {
        return accountsWhere(UNREPRESENTABLE, max);
    }

    private List<String> accountsWhere(String condition, int max) throws SQLException {
        String sql = ENTRY_TOTALS + "select a.id" + ACCOUNTS_WITH_SUMS + " where " + condition + " order by a.id limit ?";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Entries whose account is missing or has another currency: they belong to no balance and break the books. */
    long strayEntries() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from ledger_entry e left join ledger_account a"
                + " on a.id = e.account_id where a.id is null or a.currency <> e.currency"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long cursor(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Newest first by (created_at, id); a cursor is the id of a row of the same table. */
    private <T> Page<T> list(String select, String table, String filter, List<String> filterArgs, PageRequest page,
                             RowMapper<T> mapper) throws SQLException {
        boolean backwards = page.endingBefore() != null;
        String cursorId = backwards ? page.endingBefore() : page.startingAfter();
        List<String> where = new ArrayList<>();
        if (!filter.isEmpty()) {
            where.add(filter);
        }
        if (cursorId != null) {
            where.add("(created_at, id) " + (backwards ? ">" : "<") + " (select created_at, id from " + table + " where id = ?)");
        }
        String sql = select + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + (backwards ? " order by created_at asc, id asc" : " order by created_at desc, id desc") + " limit ?";
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String arg : filterArgs) {
                ps.setString(i++, arg);
            }
            if (cursorId != null) {
                ps.setString(i++, cursorId);
            }
            ps.setInt(i, page.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return Page.fromRows(rows, page.limit(), backwards);
    }


    private Array array(Collection<String> ids) throws SQLException {
        return c.createArrayOf("varchar", ids.toArray());
    }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), rs.getString(2), AccountType.valueOf(rs.getString(3)), rs.getString(4),
                AccountFlag.fromBits(rs.getInt(5)), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), instant(rs, 11));
    }

    static Transfer transfer(ResultSet rs) throws SQLException {
        return new Transfer(rs.getString(1), TransferKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), rs.getString(10),
                rs.getString(11), instant(rs, 12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
