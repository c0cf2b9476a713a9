package io.huitong.ledger;

import java.time.Instant;

/**
 * One line of the journal. {@code layer} is {@code posted} or {@code pending}; a released hold is a
 * pending line with a negative amount, so the sum of an account's lines always equals its totals.
 */
public record Entry(long id, String transferId, String accountId, String currency, String layer, String direction,
                    long amount, Instant createdAt) {
}
