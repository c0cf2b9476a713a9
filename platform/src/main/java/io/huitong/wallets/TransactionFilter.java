package io.huitong.wallets;

import io.huitong.kernel.ApiException;
import java.time.Instant;
import java.util.Set;

/**
 * Which lines of a wallet's history to list: one {@code type} ({@link WalletTransaction}'s types; null for every type)
 * created at or after {@code from} and before {@code until} (null: no bound on that side).
 */
public record TransactionFilter(String type, Instant from, Instant until) {

    public static final Set<String> TYPES = Set.of("topup", "transfer_in", "transfer_out", "payment", "refund", "withdrawal");

    public TransactionFilter {
        if (type != null && !TYPES.contains(type)) {
            throw ApiException.invalid("type", "type must be one of topup, transfer_in, transfer_out, payment, refund, withdrawal");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw ApiException.invalid("until", "the end of the range must come after its start");
        }
    }
}
