package io.huitong.ledger;

import java.time.Instant;
import java.util.Set;

/**
 * An account with its running totals. Balances follow the account type's normal side: for a
 * credit-normal account (liability, equity, revenue) the posted balance is credits minus debits.
 */
public record Account(String id, String currency, AccountType type, String ownerRef, Set<AccountFlag> flags, String code,
                      long debitsPending, long debitsPosted, long creditsPending, long creditsPosted, Instant createdAt) {

    /** Settled money: posted only. */
    public long postedBalance() {
        return normal(debitsPosted, creditsPosted);
    }

    /** What the balance will be once every hold is posted in full. */
    public long pendingBalance() {
        return normal(debitsPosted + debitsPending, creditsPosted + creditsPending);
    }

    /** What can be spent now: posted, less holds that take money out of the account. */
    public long availableBalance() {
        return type.debitNormal()
                ? debitsPosted - creditsPosted - creditsPending
                : creditsPosted - debitsPosted - debitsPending;
    }

    private long normal(long debits, long credits) {
        return type.debitNormal() ? debits - credits : credits - debits;
    }
}
