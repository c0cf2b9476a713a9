package io.huitong.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The result of recomputing the ledger from its entries. Balanced when every currency's posted and
 * pending sums are zero, no account's stored totals differ from the sum of its entries, and every
 * account's totals (and each side's posted plus pending) fit in a {@code long}: {@code
 * unrepresentableAccounts} names those that don't (at most 100, like {@code mismatchedAccounts}).
 */
public record LedgerCheck(boolean balanced, List<CurrencySum> currencies, long accounts, long entries,
                          List<String> mismatchedAccounts, List<String> unrepresentableAccounts, Instant checkedAt) {

    public record CurrencySum(String currency, long sum, long pendingSum) {
    }
}
