package io.huitong.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The result of recomputing the ledger from its entries. Balanced when every currency's posted and
 * pending sums are zero and no account's stored totals differ from the sum of its entries.
 */
public record LedgerCheck(boolean balanced, List<CurrencySum> currencies, long accounts, long entries,
                          List<String> mismatchedAccounts, Instant checkedAt) {

    public record CurrencySum(String currency, long sum, long pendingSum) {
    }
}
