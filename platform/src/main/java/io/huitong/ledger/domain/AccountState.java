package io.huitong.ledger.domain;

import io.huitong.ledger.Account;
import io.huitong.ledger.AccountFlag;

/** An account's totals while a batch is being applied; copied so that a failed chain can be undone. */
public final class AccountState {

    private final Account account;
    private final Account initial;
    private long debitsPending;
    private long debitsPosted;
    private long creditsPending;
    private long creditsPosted;
    private boolean changed;

    public AccountState(Account account) {
        this.account = account;
        this.initial = account;
        this.debitsPending = account.debitsPending();
        this.debitsPosted = account.debitsPosted();
        this.creditsPending = account.creditsPending();
        this.creditsPosted = account.creditsPosted();
    }

    private AccountState(AccountState other) {
        this.account = other.account;
        this.initial = other.initial;
        this.debitsPending = other.debitsPending;
        this.debitsPosted = other.debitsPosted;
        this.creditsPending = other.creditsPending;
        this.creditsPosted = other.creditsPosted;
        this.changed = other.changed;
    }

    AccountState copy() {
        return new AccountState(this);
    }

    public String id() {
        return account.id();
    }

    public String currency() {
        return account.currency();
    }

    /** Whether the account has balance limits, so that its totals must be exact when a writer checks them. */
    public boolean limited() {
        return !account.flags().isEmpty();
    }

    public boolean changed() {
        return changed;
    }

    /** Whether debiting {@code amount} more (pending or posted) would break the account's flags. */
    boolean debitExceedsCredits(long amount) {
        return account.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && Math.addExact(Math.addExact(debitsPosted, debitsPending), amount) > creditsPosted;
    }

    boolean creditExceedsDebits(long amount) {
        return account.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)
                && Math.addExact(Math.addExact(creditsPosted, creditsPending), amount) > debitsPosted;
    }

    boolean wouldOverflow(long amount) {
        long headroom = Long.MAX_VALUE - amount;
        return debitsPosted + debitsPending > headroom || creditsPosted + creditsPending > headroom;
    }

    void add(Layer layer, Direction direction, long amount) {
        changed = true;
        if (layer == Layer.PENDING) {
            if (direction == Direction.DEBIT) {
                debitsPending += amount;
            } else {
                creditsPending += amount;
            }
        } else if (direction == Direction.DEBIT) {
            debitsPosted += amount;
        } else {
            creditsPosted += amount;
        }
    }

    /** What this batch added to each total: [debits pending, debits posted, credits pending, credits posted]. */
    public long[] deltas() {
        return new long[] {debitsPending - initial.debitsPending(), debitsPosted - initial.debitsPosted(),
                creditsPending - initial.creditsPending(), creditsPosted - initial.creditsPosted()};
    }

    public Account toAccount() {
        return new Account(account.id(), account.currency(), account.type(), account.ownerRef(), account.flags(),
                account.code(), debitsPending, debitsPosted, creditsPending, creditsPosted, account.createdAt());
    }
}
