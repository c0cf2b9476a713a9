package io.huitong.wallets.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Money;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.consumers.Verifications;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.BankPayouts;
import io.huitong.wallets.NewWithdrawal;
import io.huitong.wallets.Withdrawal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdrawals to a bank account. The money is first held in the wallet (a ledger hold from the wallet to
 * {@code platform:bank_clearing}, {@code wdr_x:hold}, with the history line and the withdrawal's row, in one
 * transaction under the wallet's lock), then paid out through {@link BankPayouts}: the bank's settlement posts
 * the hold ({@code succeeded}), its rejection voids it and the money is back ({@code failed}). An answer not
 * known yet leaves the withdrawal {@code pending} until the resolver asks the bank again. A withdrawal to the holder's own
 * account (in their verified name) does not count against the wallet's class; one to anyone else's does, as a transfer
 * does, and gives the class the amount back when it fails or comes back.
 */
final class Withdrawals {

    private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);
    /**
     * How old a pending withdrawal is before the resolver asks the bank about it: asked while its pain.001 is still on the
     * way, the bank would answer that it never received it, and the withdrawal would fail and free the money the bank
     * then pays out.
     */
    static final java.time.Duration ASK_AFTER = java.time.Duration.ofSeconds(15);
    private static final String COLUMNS = "d.id, w.user_id, d.wallet_id, d.amount, d.currency, d.status, d.bank_code, d.account_last4,"
            + " d.account_name, d.failure_code, d.created_at, d.counted";

    private final WalletService wallets;
    private final WalletStore store;
    private final Ledger ledger;
    private final Supplier<Optional<BankPayouts>> payouts;
    private final Verifications verifications;

    Withdrawals(WalletService wallets, Ledger ledger, Supplier<Optional<BankPayouts>> payouts, Verifications verifications) {
        this.verifications = verifications;
        this.wallets = wallets;
        this.store = wallets.store();
        this.ledger = ledger;
        this.payouts = payouts;
    }

    private record Row(String id, String userId, String walletId, long amount, String currency, String status, String bankCode,
                       String last4, String accountName, String failureCode, Instant createdAt, boolean counted) {
    }

    static String bankClearing(String currency) {
        return "platform:bank_clearing:" + currency;
    }

    Withdrawal withdraw(String userId, NewWithdrawal request) {
        BankPayouts bank = payouts.get().orElseThrow(() -> new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "withdrawals_not_offered",
                "Withdrawals to bank accounts are not offered by this platform yet: no bank channel is configured.", null));
        WalletStore.WalletRow wallet = wallets.ensure(userId);
        Money amount = new Money(request.amount(), request.currency());
        wallets.openAccount(userId, amount.currency());
        openClearing(amount.currency());
        Optional<AccountClass> accountClass = wallets.classOf(userId);
        NewWithdrawal.BankAccount account = request.bankAccount();
        boolean own = verifications.holderNamed(userId, account.accountName());
        String number = account.accountNumber();
        String last4 = number.substring(number.length() - 4);
        String id = wallets.ids().next("wdr");
        wallets.decide(id, "withdrawal", wallets.user(userId), amount.amount(), amount.currency(), request.riskContext(), request.otp());
        wallets.inTx(() -> {
            Instant now = wallets.now();
            WalletStore.WalletRow locked = store.lock(wallet.id());
            if (!own) {
                wallets.classes().checkOut(locked, accountClass, amount, now);
            } else if (locked.frozen()) {
                throw WalletErrors.frozen();
            }
            wallets.post(TransferRequest.hold(id + ":hold", WalletService.account(userId, amount.currency()), bankClearing(amount.currency()),
                    amount, 0).withCode("wallet_withdrawal").withReference(id));
            store.jdbc().sql("insert into wallet_withdrawal (id, wallet_id, amount, currency, status, bank_code, account_last4, account_name,"
                            + " created_at, updated_at, counted) values (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)")
                    .params(id, wallet.id(), amount.amount(), amount.currency(), account.bankCode(), last4, account.accountName(),
                            DbTimes.at(now), DbTimes.at(now), !own).update();
            store.insertTxn(wallets.ids().next("wtx"), wallet.id(), userId, "withdrawal", -amount.amount(), amount.currency(), "pending",
                    account.bankCode() + " •••• " + last4, id, now);
            return null;
        });
        BankPayouts.Result result;
        try {
            result = bank.send(new BankPayouts.Payout(id, amount, account.bankCode(), number, account.accountName()));
        } catch (RuntimeException e) {
            log.warn("Payout {} got no answer from the bank ({}); the resolver will ask again", id, e.toString());
            result = new BankPayouts.Result.Pending();
        }
        apply(id, result);
        return view(find(id).orElseThrow());
    }

    Optional<Withdrawal> find(String userId, String withdrawalId) {
        return find(withdrawalId).filter(r -> r.userId().equals(userId)).map(Withdrawals::view);
    }

    /** Applies the bank's answer to a pending withdrawal, once. */
    void apply(String withdrawalId, BankPayouts.Result result) {
        if (result instanceof BankPayouts.Result.Pending) {
            return;
        }
        wallets.inTx(() -> {
            store.jdbc().sql("select id from wallet_withdrawal where id = ? for update").params(withdrawalId).query(String.class).single();
            Row row = find(withdrawalId).orElseThrow();
            if (!"pending".equals(row.status())) {
                return null;
            }
            Instant now = wallets.now();
            String status;
            String code = null;
            if (result instanceof BankPayouts.Result.Rejected rejected) {
                require(ledger.createTransfer(TransferRequest.voidHold(withdrawalId + ":void", withdrawalId + ":hold")
                        .withCode("wallet_withdrawal_return").withReference(withdrawalId)));
                if (row.counted()) {
                    wallets.classes().giveBack(store.lock(row.walletId()), new Money(row.amount(), row.currency()), row.createdAt());
                }
                status = "failed";
                code = rejected.code();
            } else {
                require(ledger.createTransfer(TransferRequest.post(withdrawalId + ":post", withdrawalId + ":hold", null)
                        .withCode("wallet_withdrawal").withReference(withdrawalId)));
                status = "succeeded";
            }
            store.jdbc().sql("update wallet_withdrawal set status = ?, failure_code = ?, updated_at = ? where id = ?")
                    .params(status, code, DbTimes.at(now), withdrawalId).update();
            store.setTxnStatus(row.walletId(), "withdrawal", withdrawalId, status);
            return null;
        });
    }

    /** Asks the bank about pending withdrawals older than {@link #ASK_AFTER}; answers how many were settled. */
    int resolveDue() {
        Optional<BankPayouts> bank = payouts.get();
        if (bank.isEmpty()) {
            return 0;
        }
        List<String> pending = store.jdbc().sql("select id from wallet_withdrawal where status = 'pending' and created_at <= ?"
                        + " order by created_at limit 100").param(DbTimes.at(wallets.now().minus(ASK_AFTER))).query(String.class).list();
        int settled = 0;
        for (String id : pending) {
            try {
                BankPayouts.Result result = bank.get().status(id);
                if (!(result instanceof BankPayouts.Result.Pending)) {
                    apply(id, result);
                    settled++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not settle withdrawal {} yet: {}", id, e.toString());
            }
        }
        return settled;
    }

    private static void require(TransferResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException("ledger refused " + r.id() + ": " + r.code());
        }
    }

    private void openClearing(String currency) {
        AccountResult r = ledger.createAccount(NewAccount.of(bankClearing(currency), currency, AccountType.ASSET, "platform"));
        if (!r.succeeded()) {
            throw new IllegalStateException("opening ledger account " + r.id() + " failed: " + r.code());
        }
    }

    private Optional<Row> find(String withdrawalId) {
        return store.jdbc().sql("select " + COLUMNS + " from wallet_withdrawal d join wallet w on w.id = d.wallet_id where d.id = ?")
                .params(withdrawalId).query(Withdrawals::row).optional();
    }

    private static Withdrawal view(Row r) {
        return new Withdrawal(r.id(), "wallet_withdrawal", r.amount(), r.currency(), r.status(),
                new Withdrawal.BankAccount(r.bankCode(), r.last4(), r.accountName()), r.failureCode(), r.createdAt());
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), DbTimes.instant(rs, 11), rs.getBoolean(12));
    }
}
