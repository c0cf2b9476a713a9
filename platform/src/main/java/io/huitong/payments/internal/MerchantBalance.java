package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.Currencies;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.Account;
import io.huitong.ledger.Entry;
import io.huitong.ledger.Ledger;
import io.huitong.payments.Balance;
import io.huitong.payments.BalanceTransaction;
import io.huitong.payments.PaymentRefused;
import java.util.ArrayList;
import java.util.List;

/**
 * A merchant's balance as the ledger holds it: {@code pending} (payments net of fees and refunds, not yet settled) and
 * {@code available} (settled) in each currency, read from the merchant's balance accounts by id, however many other
 * accounts the merchant owns; and the ledger lines behind them.
 */
class MerchantBalance {

    private final Ledger ledger;
    private final MerchantLookup merchants;

    MerchantBalance(Ledger ledger, MerchantLookup merchants) {
        this.ledger = ledger;
        this.merchants = merchants;
    }

    Balance balance(String merchantId) {
        Merchant merchant = merchants.of(merchantId);
        List<Balance.Amount> available = new ArrayList<>();
        List<Balance.Amount> pending = new ArrayList<>();
        for (Account a : balanceAccounts(merchantId)) {
            if (a.id().equals(MerchantAccounts.available(merchantId, a.currency()))) {
                available.add(new Balance.Amount(a.currency(), a.postedBalance()));
            } else {
                pending.add(new Balance.Amount(a.currency(), a.postedBalance()));
            }
        }
        if (available.isEmpty() && pending.isEmpty()) {
            available.add(new Balance.Amount(merchant.defaultCurrency(), 0));
            pending.add(new Balance.Amount(merchant.defaultCurrency(), 0));
        }
        return new Balance("balance", available, pending);
    }

    Page<BalanceTransaction> transactions(String merchantId, PageRequest page) {
        List<String> accountIds = balanceAccounts(merchantId).stream().map(Account::id).toList();
        PageRequest entries = new PageRequest(page.limit(), entryCursor(page.startingAfter(), "starting_after"),
                entryCursor(page.endingBefore(), "ending_before"));
        return ledger.listPostedEntries(accountIds, entries).map(e -> transaction(merchantId, e));
    }

    /** The merchant's pending and available accounts that exist, in currency order. */
    private List<Account> balanceAccounts(String merchantId) {
        List<String> ids = new ArrayList<>();
        for (String currency : Currencies.SUPPORTED.stream().sorted().toList()) {
            ids.add(MerchantAccounts.available(merchantId, currency));
            ids.add(MerchantAccounts.pending(merchantId, currency));
        }
        return ledger.accounts(ids);
    }

    /** A balance transaction's id is {@code txn_} and its ledger entry's number. */
    private static String entryCursor(String id, String param) {
        if (id == null) {
            return null;
        }
        if (!id.matches("txn_[0-9]{1,18}")) {
            throw PaymentRefused.invalid(param, param + " must be the id of a balance transaction (txn_...)");
        }
        return id.substring(4);
    }

    private static BalanceTransaction transaction(String merchantId, Entry e) {
        long signed = "credit".equals(e.direction()) ? e.amount() : -e.amount();
        String transfer = e.transferId();
        int colon = transfer.indexOf(':');
        String source = colon < 0 ? transfer : transfer.substring(0, colon);
        String type;
        if (transfer.startsWith("re_")) {
            type = "refund";
        } else if (transfer.endsWith(":fee")) {
            type = "payment_fee";
        } else if (transfer.startsWith("pay_")) {
            type = "payment";
        } else {
            type = "adjustment";
        }
        String balance = e.accountId().equals(MerchantAccounts.available(merchantId, e.currency())) ? "available" : "pending";
        return new BalanceTransaction("txn_" + e.id(), "balance_transaction", signed, e.currency(), type, source, balance, transfer,
                e.createdAt());
    }
}
