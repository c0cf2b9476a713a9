package io.huitong.ledger.jdbc;

import io.huitong.audit.AuditTrail;
import io.huitong.audit.MovedMoney;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.Account;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.Entry;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.LedgerCheck;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferKind;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.ledger.domain.AccountState;
import io.huitong.ledger.domain.AccountOpening;
import io.huitong.ledger.domain.BatchOutcome;
import io.huitong.ledger.domain.LedgerView;
import io.huitong.ledger.domain.TransferEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger on a relational database (PostgreSQL in production, H2 embedded).
 *
 * <p>A batch runs in one transaction: it locks every account it touches in id order, lets the
 * {@link TransferEngine} decide each transfer against the locked totals, then writes transfers,
 * entries and new totals with batched statements. When the caller already has a transaction on the
 * same data source (a payment changing its state), the batch joins it, so the state change and its
 * postings commit or roll back together.
 *
 * <p>When the ledger owns the transaction it first writes optimistically, without looking up whether
 * the transfer ids exist: a replayed id then fails on the primary key and the batch is run again the
 * careful way, which answers {@code EXISTS}. Deadlocks and lock time-outs are retried the same way.
 */
public final class JdbcLedger implements Ledger {

    static final int MAX_BATCH = 8_190;
    private static final int MAX_ATTEMPTS = 8;

    private final DataSource dataSource;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionTemplate writeTx;
    /** A batch inside the caller's transaction, behind a savepoint: a conflict undoes the batch alone, not the caller's work. */
    private final TransactionTemplate nestedTx;
    private final TransactionTemplate checkTx;
    private final TransferEngine engine = new TransferEngine();
    private final AccountOpening accountOpening = new AccountOpening();
    private final Map<String, Account> accountCache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int ACCOUNT_CACHE_LIMIT = 200_000;
    private volatile io.huitong.kernel.SqlDialect dialect;

    /** A ledger without an audit trail, in transactions of its own manager: for tools and tests of the ledger alone. */
    public JdbcLedger(DataSource dataSource, Clock clock) {
        this(dataSource, clock, new DataSourceTransactionManager(dataSource), null);
    }

    /**
     * The platform's ledger: its transactions go through {@code transactions} (joining the caller's), and every batch of
     * transfers is recorded on {@code audit} in the transaction that writes it.
     */
    public JdbcLedger(DataSource dataSource, Clock clock, PlatformTransactionManager tm, AuditTrail audit) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.audit = audit;
        this.writeTx = new TransactionTemplate(tm);
        this.nestedTx = new TransactionTemplate(tm);
        nestedTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.checkTx = new TransactionTemplate(tm);
        checkTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        checkTx.setReadOnly(true);
        checkTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public List<TransferResult> createTransfers(List<TransferRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            return List.of();
        }
        if (requests.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " transfers per batch");
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside a caller's transaction (a payment's outcome, a wallet's debit) the batch is tried without locking
            // the accounts that have no balance limits, as outside one, so that callers do not queue on the platform's
            // clearing and revenue rows until they commit; a conflict rolls back to the savepoint and the batch is
            // decided again with the locks.
            // (A batch that resolves holds or reverses transfers locks every account it touches anyway: no savepoint.)
            if (!locksAll(requests)) {
                try {
                    return nestedTx.execute(s -> withConnection(c -> applyBatch(c, requests, true)));
                } catch (LedgerConflict conflict) {
                    // decided again below, with the locks
                }
            }
            return writeTx.execute(s -> withConnection(c -> applyBatch(c, requests, false)));
        }
        for (int attempt = 1; ; attempt++) {
            boolean optimistic = attempt == 1;
            try {
                return writeTx.execute(s -> withConnection(c -> applyBatch(c, requests, optimistic)));
            } catch (LedgerConflict conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("ledger batch kept conflicting with concurrent writers", conflict);
                }
            }
        }
    }

    private List<TransferResult> applyBatch(Connection c, List<TransferRequest> requests, boolean optimistic) throws SQLException {
        LedgerStore store = store(c);
        Set<String> referenced = new LinkedHashSet<>();
        Set<String> pendingIds = new LinkedHashSet<>();
        Set<String> reversedIds = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        for (TransferRequest r : requests) {
            addIfPresent(accountIds, r.debitAccountId());
            addIfPresent(accountIds, r.creditAccountId());
            addIfPresent(pendingIds, r.pendingId());
            addIfPresent(reversedIds, r.reversesId());
        }
        referenced.addAll(pendingIds);
        referenced.addAll(reversedIds);
        Map<String, Transfer> known = store.transfers(referenced);
        for (Transfer t : known.values()) {
            accountIds.add(t.debitAccountId());
            accountIds.add(t.creditAccountId());
        }
        // Holds and reversals always lock every account they touch, so that two resolutions of one hold
        // or two reversals of one transfer are decided one after the other. Plain transfers lock only
        // accounts with balance limits; the others get their totals incremented just before commit.
        boolean lockAll = !optimistic || locksAll(requests);
        Map<String, Account> unlocked = Map.of();
        Map<String, Account> locked;
        if (lockAll) {
            locked = store.lockAccounts(accountIds);
        } else {
            unlocked = describe(store, accountIds);
            List<String> limited = unlocked.values().stream().filter(a -> !a.flags().isEmpty()).map(Account::id).toList();
            locked = store.lockAccounts(limited);
        }
        Map<String, Account> unlockedAccounts = unlocked;
        // read the clock only once the locks are held, so a hold's expiry is judged at the time the
        // batch is decided, not before it waited for a concurrent writer
        Instant now = now();
        if (!optimistic) {
            List<String> ids = requests.stream().map(TransferRequest::id).filter(Objects::nonNull).toList();
            known.putAll(store.transfers(ids));
        }
        Map<String, TransferKind> resolutions = store.resolutions(pendingIds);
        Map<String, Long> reversed = store.reversedAmounts(reversedIds);

        // An account without limits is judged on the room of the row its change will go to when its own
        // row is locked (and an overflow there is provisional), on the room of the batch alone when
        // nothing of it is locked (its rows' limits are then checked as they are written). When a row's
        // room refuses a transfer, all the account's rows are locked and the batch is decided again on
        // the whole account's room.
        Map<String, AccountRows> whole = new HashMap<>();
        BatchOutcome outcome;
        while (true) {
            Map<String, AccountState> states = new HashMap<>();
            LedgerView view = view(locked, unlockedAccounts, known, resolutions, reversed, states, lockAll, whole);
            outcome = engine.apply(requests, view, now);
            List<Account> widen = outcome.overflowedPartialRoom().stream().filter(id -> !whole.containsKey(id)).sorted()
                    .map(locked::get).filter(Objects::nonNull).toList();
            if (widen.isEmpty()) {
                break;
            }
            whole.putAll(store.lockRows(widen));
        }
        store.insertTransfers(outcome.transfers());
        if (audit != null && !outcome.transfers().isEmpty()) {
            audit.recordMoney(outcome.transfers().stream().map(JdbcLedger::moved).toList());
        }
        store.trackOpenHolds(outcome.transfers());
        store.insertEntries(outcome.entries(), now);
        store.addToTotals(outcome.changedAccounts(), lockAll, whole);
        return outcome.results();
    }

    private static MovedMoney moved(Transfer t) {
        return new MovedMoney(t.id(), t.kind().name(), t.debitAccountId(), t.creditAccountId(), t.amount(), t.currency(), t.pendingId(),
                t.reversesId(), t.code(), t.reference());
    }

    private static LedgerView view(Map<String, Account> locked, Map<String, Account> unlocked, Map<String, Transfer> known,
                                   Map<String, TransferKind> resolutions, Map<String, Long> reversed,
                                   Map<String, AccountState> states, boolean ownRowsLocked, Map<String, AccountRows> whole) {
        return new LedgerView() {
            @Override
            public AccountState account(String id) {
                Account a = locked.getOrDefault(id, unlocked.get(id));
                return a == null ? null : states.computeIfAbsent(id, k -> state(a, ownRowsLocked, whole.get(id)));
            }

            @Override
            public Transfer transfer(String id) {
                return known.get(id);
            }

            @Override
            public TransferKind resolution(String pendingId) {
                return resolutions.get(pendingId);
            }

            @Override
            public long reversedAmount(String originalId) {
                return reversed.getOrDefault(originalId, 0L);
            }
        };
    }

    private static AccountState state(Account a, boolean ownRowLocked, AccountRows rows) {
        if (!a.flags().isEmpty()) {
            // all its totals are on its own row, which is locked: exact
            return new AccountState(a);
        }
        if (rows != null) {
            return new AccountState(rows.totals(), rows.debitRoom(), rows.creditRoom(), false);
        }
        if (ownRowLocked) {
            return new AccountState(a, AccountState.roomLeft(AccountRows.MAIN_LIMIT, a.debitsPosted(), a.debitsPending()),
                    AccountState.roomLeft(AccountRows.MAIN_LIMIT, a.creditsPosted(), a.creditsPending()), true);
        }
        // a side's total is never below zero, so a batch adding more than a long to it is refused as it is
        return new AccountState(a, Long.MAX_VALUE, Long.MAX_VALUE, false);
    }

    @Override
    public List<AccountResult> createAccounts(List<NewAccount> accounts) {
        Objects.requireNonNull(accounts, "accounts");
        if (accounts.isEmpty()) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return writeTx.execute(s -> withConnection(c -> insertAccounts(c, accounts)));
            } catch (LedgerConflict conflict) {
                if (attempt >= MAX_ATTEMPTS || TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw new IllegalStateException("opening accounts kept conflicting with concurrent writers", conflict);
                }
            }
        }
    }

    private List<AccountResult> insertAccounts(Connection c, List<NewAccount> accounts) throws SQLException {
        LedgerStore store = store(c);
        Map<String, Account> stored = store.accountsWithTotals(accounts.stream().map(NewAccount::id).filter(Objects::nonNull).toList());
        Instant now = now();
        AccountOpening.Decision decision = accountOpening.decide(accounts, stored, now);
        store.insertAccounts(decision.toInsert(), now);
        store.insertShards(decision.toInsert().stream().filter(a -> a.flags().isEmpty()).map(NewAccount::id).toList());
        return decision.results();
    }

    @Override
    public Optional<Account> account(String id) {
        return accounts(List.of(id)).stream().findFirst();
    }

    @Override
    public List<Account> accounts(List<String> ids) {
        Map<String, Account> found = withConnection(c -> store(c).accountsWithTotals(ids));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    @Override
    public Optional<Transfer> transfer(String id) {
        return Optional.ofNullable(withConnection(c -> store(c).transfers(List.of(id))).get(id));
    }

    @Override
    public Page<Account> listAccounts(String ownerRef, PageRequest page) {
        return withConnection(c -> store(c).listAccounts(ownerRef, page));
    }

    @Override
    public Page<Transfer> listTransfers(String accountId, PageRequest page) {
        return withConnection(c -> store(c).listTransfers(accountId, page));
    }

    @Override
    public Page<Entry> listEntries(String accountId, PageRequest page) {
        return withConnection(c -> store(c).listEntries(List.of(accountId), false, page));
    }

    @Override
    public Page<Entry> listPostedEntries(List<String> accountIds, PageRequest page) {
        return withConnection(c -> store(c).listEntries(accountIds, true, page));
    }

    @Override
    public int expireDueHolds(int max) {
        List<String> due = withConnection(c -> store(c).dueHolds(now(), max));
        if (due.isEmpty()) {
            return 0;
        }
        List<TransferRequest> expiries = due.stream()
                .map(id -> new TransferRequest(id + ".expire", TransferKind.EXPIRE_PENDING, null, null, null, null, id, null,
                        0, "hold_expired", null, false))
                .toList();
        return (int) createTransfers(expiries).stream().filter(r -> r.code() == TransferResult.Code.OK).count();
    }

    @Override
    public LedgerCheck check() {
        return checkTx.execute(s -> withConnection(c -> {
            LedgerStore store = store(c);
            List<LedgerStore.CurrencyCheck> rows = store.checkByCurrency();
            long stray = store.strayEntries();
            long accounts = 0;
            long entries = stray;
            long mismatched = 0;
            long unrepresentable = 0;
            boolean balanced = stray == 0;
            List<LedgerCheck.CurrencySum> sums = new ArrayList<>();
            for (LedgerStore.CurrencyCheck row : rows) {
                accounts += row.accounts();
                entries += row.entries();
                mismatched += row.mismatched();
                unrepresentable += row.unrepresentable();
                balanced &= row.postedSum() == 0 && row.pendingSum() == 0;
                sums.add(new LedgerCheck.CurrencySum(row.currency(), row.postedSum(), row.pendingSum()));
            }
            List<String> mismatchedIds = mismatched == 0 ? List.of() : store.mismatchedAccounts(100);
            List<String> unrepresentableIds = unrepresentable == 0 ? List.of() : store.unrepresentableAccounts(100);
            return new LedgerCheck(balanced && mismatched == 0 && unrepresentable == 0, sums, accounts, entries, mismatchedIds,
                    unrepresentableIds, now());
        }));
    }

    private LedgerStore store(Connection c) throws SQLException {
        io.huitong.kernel.SqlDialect d = dialect;
        if (d == null) {
            d = io.huitong.kernel.SqlDialect.of(c);
            dialect = d;
        }
        return new LedgerStore(c, d);
    }

    /**
     * Accounts as last read, for what never changes: existence, currency, type and flags. Accounts
     * are never deleted; their totals here are stale and used only for accounts without limits.
     */
    private Map<String, Account> describe(LedgerStore store, Set<String> ids) throws SQLException {
        Map<String, Account> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Account a = accountCache.get(id);
            if (a == null) {
                missing.add(id);
            } else {
                out.put(id, a);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Account> read = store.accounts(missing);
            if (accountCache.size() + read.size() > ACCOUNT_CACHE_LIMIT) {
                accountCache.clear();
            }
            accountCache.putAll(read);
            out.putAll(read);
        }
        return out;
    }

    private Instant now() {
        // the databases keep microseconds; truncating here makes what is returned equal what is stored
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.equals("23505") || state.equals("23503") || state.equals("40001") || state.equals("40P01")
                || state.equals("55P03") || state.startsWith("HYT"))) {
            return new LedgerConflict(e);
        }
        return new IllegalStateException("ledger storage failed (SQL state " + state + ")", e);
    }

    /** Holds and reversals always lock every account they touch: two resolutions of one hold are decided in turn. */
    private static boolean locksAll(List<TransferRequest> requests) {
        return requests.stream().anyMatch(r -> r.pendingId() != null || r.reversesId() != null);
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }
}
