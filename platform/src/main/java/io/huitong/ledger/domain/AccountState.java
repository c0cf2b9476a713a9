package io.huitong.ledger.domain;

import io.huitong.ledger.Account;
import io.huitong.ledger.AccountFlag;

/**
 * An account's totals while a batch is being applied; copied so that a failed chain can be undone.
 *
 * <p>Each side's posted plus pending total must stay within a {@code long} (so that every total and
 * balance of the account can be read). The state carries each side's <em>room</em>: how much more that
 * side may grow. The caller decides what the room is from what it has locked: for an account whose
 * totals it knows exactly, the room left to {@link Long#MAX_VALUE}; otherwise a smaller, partial room
 * (what the part of the account it holds can still take), in which case an overflow refusal is only
 * provisional and the caller may look at the whole account and apply the batch again.
 */
public final class AccountState {

    private final Account account;
    private final Account initial;
    private final boolean partialRoom;
    private long debitsPending;
    private long debitsPosted;
    private long creditsPending;
    private long creditsPosted;
    private long debitRoom;
    private long creditRoom;
    private boolean changed;

    /** An account whose totals are exact: the room on each side is what is left to {@link Long#MAX_VALUE}. */
    public AccountState(Account account) {
        this(account, roomLeft(account.debitsPosted(), account.debitsPending()),
                roomLeft(account.creditsPosted(), account.creditsPending()), false);
    }

    /**
     * An account with the given room on each side; {@code partialRoom} when the room is less than the
     * whole account may have, so that a refusal for overflow is not final.
     */
    public AccountState(Account account, long debitRoom, long creditRoom, boolean partialRoom) {
        this.account = account;
        this.initial = account;
        this.partialRoom = partialRoom;
        this.debitsPending = account.debitsPending();
        this.debitsPosted = account.debitsPosted();
        this.creditsPending = account.creditsPending();
        this.creditsPosted = account.creditsPosted();
        this.debitRoom = Math.max(0, debitRoom);
        this.creditRoom = Math.max(0, creditRoom);
    }

    private AccountState(AccountState other) {
        this.account = other.account;
        this.initial = other.initial;
        this.partialRoom = other.partialRoom;
        this.debitsPending = other.debitsPending;
        this.debitsPosted = other.debitsPosted;
        this.creditsPending = other.creditsPending;
        this.creditsPosted = other.creditsPosted;
        this.debitRoom = other.debitRoom;
        this.creditRoom = other.creditRoom;
        this.changed = other.changed;
    }

    /** What is left to {@link Long#MAX_VALUE} of a side whose posted and pending totals are given (0 when none). */
    public static long roomLeft(long posted, long pending) {
        return roomLeft(Long.MAX_VALUE, posted, pending);
    }

    /** What is left to {@code limit} (at least 0) of a side whose posted and pending totals are given, from 0 to {@link Long#MAX_VALUE}. */
    public static long roomLeft(long limit, long posted, long pending) {
        long side;
        try {
            side = Math.addExact(posted, pending);
        } catch (ArithmeticException beyondLong) {
            return pending > 0 ? 0 : Long.MAX_VALUE;
        }
        if (side >= limit) {
            return 0;
        }
        long room = limit - side;
        // positive by now; negative only if it wrapped, when the side is far below zero
        return room < 0 ? Long.MAX_VALUE : room;
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

    /** Whether a refusal for overflow was judged on less room than the whole account may have. */
    public boolean partialRoom() {
        return partialRoom;
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

    /** Whether debiting {@code amount} more would take the debits (posted plus pending) past what the room allows. */
    boolean debitWouldOverflow(long amount) {
        return amount > debitRoom;
    }

    boolean creditWouldOverflow(long amount) {
        return amount > creditRoom;
    }

    void add(Layer layer, Direction direction, long amount) {
        changed = true;
        if (direction == Direction.DEBIT) {
            debitRoom = shrink(debitRoom, amount);
        } else {
            creditRoom = shrink(creditRoom, amount);
        }
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

    /** The room after {@code amount} more (less, when negative: a released hold gives room back), kept within 0..MAX. */
    private static long shrink(long room, long amount) {
        long left = room - amount;
        if (amount <= 0) {
            return left < 0 ? Long.MAX_VALUE : left;
        }
        return Math.max(0, left);
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
