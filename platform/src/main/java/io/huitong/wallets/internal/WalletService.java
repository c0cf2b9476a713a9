package io.huitong.wallets.internal;

import io.huitong.consumers.User;
import io.huitong.consumers.TwoFactor;
import io.huitong.consumers.Users;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.Account;
import io.huitong.ledger.AccountFlag;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.AccountClasses;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.WalletTransaction;
import io.huitong.wallets.domain.ClassRules;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wallets on the ledger. Every movement out of a wallet runs in one database transaction that first locks
 * the wallet's row (so that freezing, the class's limit and the balance are judged one movement at a time: what the
 * wallet moved out as its class counts it is kept on that row),
 * then posts to the ledger, whose balance check on the wallet's account ({@link AccountFlag#DEBITS_MUST_NOT_EXCEED_CREDITS})
 * refuses anything beyond the balance, and writes the wallet's history lines: all of it commits or nothing does.
 */
class WalletService {

    private final WalletStore store;
    private final Ledger ledger;
    private final Users users;
    private final TwoFactor twoFactor;
    private final WalletClasses classes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    /** Wallet accounts known to be opened, at most 100,000: one forgotten is opened again, and the ledger answers that it exists. */
    private final Set<String> opened = java.util.Collections.newSetFromMap(
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000).<String, Boolean>build().asMap());
    private final io.huitong.risk.Risk risk;
    /** How long an authenticator must have been on before it can confirm a movement risk control challenges. */
    private final java.time.Duration stepUpCoolOff;

    WalletService(WalletStore store, Ledger ledger, Users users, TwoFactor twoFactor, AccountClasses classes, ClassRules rules,
                  TransactionTemplate tx, Clock clock, Ids ids, io.huitong.risk.Risk risk, java.time.Duration stepUpCoolOff) {
        this.risk = risk;
        this.stepUpCoolOff = stepUpCoolOff;
        this.twoFactor = twoFactor;
        this.store = store;
        this.ledger = ledger;
        this.users = users;
        this.classes = new WalletClasses(classes, rules, store, this::now);
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    // ---- accounts ----

    /** The ledger account of a consumer's wallet in one currency. */
    static String account(String userId, String currency) {
        return userId + ":wallet:" + currency;
    }

    /** Opens the wallet's ledger account in this currency, outside any transaction (an opened account stays opened). */
    void openAccount(String userId, String currency) {
        String id = account(userId, currency);
        if (opened.contains(id)) {
            return;
        }
        AccountResult r = ledger.createAccount(NewAccount.of(id, currency, AccountType.LIABILITY, userId,
                AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        if (!r.succeeded()) {
            throw new IllegalStateException("opening ledger account " + id + " failed: " + r.code());
        }
        opened.add(id);
    }

    /** The consumer's wallet, created (with its CNY account) on first use. */
    WalletStore.WalletRow ensure(String userId) {
        WalletStore.WalletRow row = store.byUser(userId).orElseGet(() -> {
            Instant now = now();
            WalletStore.WalletRow fresh = new WalletStore.WalletRow(ids.next("wal"), userId, WalletStore.ACTIVE, now,
                    classes.none(now));
            try {
                store.insert(fresh);
                return fresh;
            } catch (DuplicateKeyException e) {
                return store.byUser(userId).orElseThrow(() -> e);
            }
        });
        openAccount(userId, "CNY");
        return row;
    }

    // ---- the wallet ----

    Wallet wallet(String userId) {
        return view(ensure(userId));
    }

    private Wallet view(WalletStore.WalletRow row) {
        List<Wallet.Balance> balances = new ArrayList<>();
        String prefix = row.userId() + ":wallet:";
        for (Account a : ledger.listAccounts(row.userId(), PageRequest.first(100)).data()) {
            if (a.id().startsWith(prefix)) {
                balances.add(new Wallet.Balance(a.currency(), a.availableBalance(), a.debitsPending()));
            }
        }
        balances.sort(java.util.Comparator.comparing(b -> !b.currency().equals("CNY") + b.currency()));
        Optional<AccountClass> accountClass = classes.classOf(row.userId());
        return new Wallet(row.id(), "wallet", row.status(), accountClass.map(AccountClass::name).orElse(null),
                accountClass.map(c -> classes.allowance(c, row, now())).orElse(null), balances);
    }

    Wallet freeze(String userId) {
        return freezeWallet(ensure(userId).id());
    }

    Wallet freezeByOperator(String walletId) {
        return freezeWallet(store.byId(walletId).orElseThrow(() -> ApiException.notFound("wallet", walletId)).id());
    }

    private Wallet freezeWallet(String walletId) {
        inTx(() -> {
            store.lock(walletId);
            store.setStatus(walletId, WalletStore.FROZEN, now());
            return null;
        });
        return view(store.byId(walletId).orElseThrow());
    }

    Wallet unfreeze(String userId, String otp, String password) {
        WalletStore.WalletRow row = ensure(userId);
        if (twoFactor.enabled(userId)) {
            twoFactor.prove(userId, otp, "otp");
            return unfreezeWallet(row.id());
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.missing("password");
        }
        if (!users.passwordMatches(userId, password)) {
            throw new ApiException(403, ErrorType.PERMISSION_ERROR, "invalid_credentials",
                    "Wrong password: the wallet stays frozen.", "password");
        }
        return unfreezeWallet(row.id());
    }

    Wallet walletById(String walletId) {
        return view(store.byId(walletId).orElseThrow(() -> ApiException.notFound("wallet", walletId)));
    }

    Wallet unfreezeByOperator(String walletId) {
        WalletStore.WalletRow row = store.byId(walletId).orElseThrow(() -> ApiException.notFound("wallet", walletId));
        return unfreezeWallet(row.id());
    }

    private Wallet unfreezeWallet(String walletId) {
        inTx(() -> {
            store.lock(walletId);
            store.setStatus(walletId, WalletStore.ACTIVE, now());
            return null;
        });
        return view(store.byId(walletId).orElseThrow());
    }

    Page<WalletTransaction> transactions(String userId, PageRequest page) {
        return store.transactions(ensure(userId).id(), page);
    }

    Page<WalletTransaction> transactions(String userId, io.huitong.wallets.TransactionFilter filter, PageRequest page) {
        return store.transactions(ensure(userId).id(), filter, page);
    }

    // ---- risk ----

    /** The consumer moving money out of their wallet. */
    User user(String userId) {
        return users.find(userId).orElseThrow(() -> ApiException.notFound("user", userId));
    }

    /**
     * Risk control's decision on a movement out of the wallet, before anything moves: a block, or a review (a wallet
     * movement has no hold to wait in), refuses it (402 {@code risk_error} {@code risk_blocked}). A challenge asks
     * for a second factor the session alone does not prove (a stolen session or password is what account takeover
     * is): a current code of the consumer's authenticator or a recovery code in {@code otp}, the authenticator
     * having been on for {@code huitong.wallets.step-up-cool-off}, 24 hours by default (one turned on in the same
     * session proves nothing). Without one
     * the movement is refused with 402 {@code risk_error} {@code authentication_required}; a wrong one is a 400
     * {@code otp_invalid}.
     */
    void decide(String reference, String kind, User payer, long amount, String currency, io.huitong.risk.RiskContext context, String otp) {
        String userId = payer.id();
        io.huitong.risk.RiskDecision d = risk.decide(new io.huitong.risk.RiskRequest(reference, kind, null, userId, amount, currency, null,
                context, now(), payer.createdAt()));
        if (d.outcome() == io.huitong.risk.RiskDecision.Outcome.BLOCK || d.outcome() == io.huitong.risk.RiskDecision.Outcome.REVIEW) {
            throw ApiException.riskBlocked(null);
        }
        if (d.outcome() == io.huitong.risk.RiskDecision.Outcome.CHALLENGE) {
            java.time.Instant enabledAt = twoFactor.enabled(userId) ? twoFactor.totp(userId).enabledAt() : null;
            if (enabledAt == null || enabledAt.isAfter(now().minus(stepUpCoolOff))) {
                throw ApiException.authenticationRequired("Risk control asks for a second factor to confirm this movement, and this "
                        + "account has no authenticator turned on long enough (" + stepUpCoolOff.toHours() + " hours): it cannot be "
                        + "confirmed now.");
            }
            if (otp == null || otp.isBlank()) {
                throw ApiException.authenticationRequired("Risk control asks for a second factor to confirm this movement: repeat it "
                        + "with otp, a current code from your authenticator app or a recovery code.");
            }
            twoFactor.prove(userId, otp, "otp");
        }
    }

    // ---- the ledger ----

    /** Posts one transfer in the caller's transaction; beyond the balance is a 402 {@code insufficient_funds}. */
    void post(TransferRequest transfer) {
        postAll(List.of(transfer));
    }

    /** Posts the transfers in one ledger batch in the caller's transaction; any beyond its balance is a 402 {@code insufficient_funds}. */
    void postAll(List<TransferRequest> transfers) {
        for (TransferResult r : ledger.createTransfers(transfers)) {
            if (r.code().insufficientFunds()) {
                throw WalletErrors.insufficient();
            }
            if (!r.succeeded()) {
                throw new IllegalStateException("ledger refused " + r.id() + ": " + r.code());
            }
        }
    }

    Optional<AccountClass> classOf(String userId) {
        return classes.classOf(userId);
    }

    /** The wallets' classes: what they allow, and what the wallets moved out as their classes count it. */
    WalletClasses classes() {
        return classes;
    }

    WalletStore store() {
        return store;
    }

    Ids ids() {
        return ids;
    }

    <T> T inTx(Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    Instant now() {
        return DbTimes.now(clock);
    }
}
