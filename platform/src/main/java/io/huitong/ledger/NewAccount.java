package io.huitong.ledger;

import java.util.Set;

/**
 * A request to open an account. The id is chosen by the caller (for example
 * {@code mer_123:receivable:CNY}) so that opening the same account twice is harmless.
 */
public record NewAccount(String id, String currency, AccountType type, String ownerRef, Set<AccountFlag> flags, String code) {

    public NewAccount {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    public static NewAccount of(String id, String currency, AccountType type, String ownerRef, AccountFlag... flags) {
        return new NewAccount(id, currency, type, ownerRef, Set.of(flags), null);
    }
}
