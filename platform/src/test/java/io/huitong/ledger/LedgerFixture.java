package io.huitong.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for ledger test data: accounts of each kind and funded wallets. */
public final class LedgerFixture {

    private static final AtomicLong SEQ = new AtomicLong();
    private final Ledger ledger;

    public LedgerFixture(Ledger ledger) {
        this.ledger = ledger;
    }

    public static String id(String prefix) {
        return prefix + "_" + SEQ.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
    }

    /** A bank-side funding account: an asset without limits, money comes from here. */
    public String fundingAccount(String currency) {
        return open(NewAccount.of(id("bank"), currency, AccountType.ASSET, "platform"));
    }

    /** A wallet: a liability that must never go negative. */
    public String wallet(String currency) {
        return open(NewAccount.of(id("wal"), currency, AccountType.LIABILITY, "usr_test", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
    }

    public String revenue(String currency) {
        return open(NewAccount.of(id("rev"), currency, AccountType.REVENUE, "platform"));
    }

    public String walletWith(long amount, String currency) {
        String wallet = wallet(currency);
        fund(wallet, amount, currency);
        return wallet;
    }

    public void fund(String accountId, long amount, String currency) {
        String bank = fundingAccount(currency);
        TransferResult r = ledger.createTransfer(TransferRequest.posted(id("fund"), bank, accountId, Money.of(amount, currency)));
        assertThat(r.code()).isEqualTo(TransferResult.Code.OK);
    }

    public String open(NewAccount account) {
        List<AccountResult> r = ledger.createAccounts(List.of(account));
        assertThat(r.getFirst().code()).isEqualTo(AccountResult.Code.OK);
        return account.id();
    }

    public Account account(String id) {
        return ledger.account(id).orElseThrow();
    }
}
