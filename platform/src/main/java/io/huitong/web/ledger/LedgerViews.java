package io.huitong.web.ledger;

import io.huitong.ledger.Account;
import io.huitong.ledger.AccountFlag;
import io.huitong.ledger.Entry;
import io.huitong.ledger.LedgerCheck;
import io.huitong.ledger.Transfer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the ledger's operator API. */
final class LedgerViews {

    private LedgerViews() {
    }

    record Balances(long posted, long pending, long available) {
    }

    record AccountView(String id, String object, String currency, String type, String ownerRef, List<String> flags, String code,
                       Balances balances, long debitsPending, long debitsPosted, long creditsPending, long creditsPosted,
                       Instant createdAt) {
    }

    record TransferView(String id, String object, String kind, String debitAccountId, String creditAccountId, long amount,
                        String currency, String pendingId, String reversesId, Instant expiresAt, String code, String reference,
                        Instant createdAt) {
    }

    record EntryView(String id, String object, String transferId, String accountId, String currency, String layer,
                     String direction, long amount, Instant createdAt) {
    }

    record CurrencySumView(String currency, long sum, long pendingSum) {
    }

    record CheckView(boolean balanced, List<CurrencySumView> currencies, long accounts, long entries,
                     List<String> mismatchedAccounts, List<String> unrepresentableAccounts, Instant checkedAt) {
    }

    record BatchResultView(String id, String result, TransferView transfer) {
    }

    record BatchView(String object, List<BatchResultView> results) {
    }

    static AccountView of(Account a) {
        return new AccountView(a.id(), "ledger_account", a.currency(), lower(a.type().name()), a.ownerRef(),
                a.flags().stream().map(AccountFlag::name).map(LedgerViews::lower).sorted().toList(), a.code(),
                new Balances(a.postedBalance(), a.pendingBalance(), a.availableBalance()),
                a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted(), a.createdAt());
    }

    static TransferView of(Transfer t) {
        return t == null ? null : new TransferView(t.id(), "ledger_transfer", lower(t.kind().name()), t.debitAccountId(),
                t.creditAccountId(), t.amount(), t.currency(), t.pendingId(), t.reversesId(), t.expiresAt(), t.code(),
                t.reference(), t.createdAt());
    }

    static EntryView of(Entry e) {
        return new EntryView(Long.toString(e.id()), "ledger_entry", e.transferId(), e.accountId(), e.currency(), e.layer(),
                e.direction(), e.amount(), e.createdAt());
    }

    static CheckView of(LedgerCheck c) {
        return new CheckView(c.balanced(), c.currencies().stream()
                .map(s -> new CurrencySumView(s.currency(), s.sum(), s.pendingSum())).toList(),
                c.accounts(), c.entries(), c.mismatchedAccounts(), c.unrepresentableAccounts(), c.checkedAt());
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
