package io.huitong.ledger.jdbc;

import io.huitong.ledger.Account;
import java.math.BigInteger;

/**
 * The rows of an account without balance limits — its own row (shard 0) and its shard rows — as read
 * with every one of them locked, and what keeps their sum within a {@code long}.
 *
 * <p>Writers add to such an account without locking it: each updates one row, chosen at random, so
 * any number of transactions may be adding to the same account at once, each unaware of what the
 * others add. A check of the account's total inside each transaction can't see the others' uncommitted
 * additions, so two credits could each find room and overflow the total together; a bound on each
 * transfer's amount only makes that unlikely. What no number of concurrent writers can break is a bound
 * on each row, checked by the database in the update itself (a row is updated by one transaction at a
 * time, and PostgreSQL re-checks the condition on the row as its previous writer left it): each side
 * (posted plus pending) of a shard row stays at most {@link #SHARD_LIMIT} and of the account's own row at
 * most {@link #MAIN_LIMIT}, and the eight limits add up to exactly {@link Long#MAX_VALUE}. So the total
 * fits whatever the writers do at once, and an account can still reach the full range: when a row can't
 * take a transfer, the ledger locks all of the account's rows, judges the transfer against the whole
 * total, and spreads the new totals evenly over the rows ({@link #spread}). Rows written before these
 * limits were spread the same way by migration V18.
 */
final class AccountRows {

    /** An account without limits has its own row and SHARDS - 1 shard rows. */
    static final int SHARDS = 8;
    /** The most a shard row may hold on one side: 2^60 - 1. */
    static final long SHARD_LIMIT = Long.MAX_VALUE / SHARDS;
    /** The most the account's own row may hold on one side: 2^60 + 6, so that the limits add up to 2^63 - 1. */
    static final long MAIN_LIMIT = Long.MAX_VALUE - (SHARDS - 1) * SHARD_LIMIT;

    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private final Account main;
    /** [shard][debits pending, debits posted, credits pending, credits posted]; shard 0 is the account's own row. */
    private final long[][] rows;

    AccountRows(Account main, long[][] rows) {
        this.main = main;
        this.rows = rows;
    }

    static long limit(int shard) {
        return shard == 0 ? MAIN_LIMIT : SHARD_LIMIT;
    }

    /** The account with its totals, each clamped to a long (exact unless the account is beyond one). */
    Account totals() {
        BigInteger[] t = sums(new long[4]);
        return new Account(main.id(), main.currency(), main.type(), main.ownerRef(), main.flags(), main.code(),
                clamp(t[0]), clamp(t[1]), clamp(t[2]), clamp(t[3]), main.createdAt());
    }

    /** How much more the debits (posted plus pending) may grow: none when they can't be counted. */
    long debitRoom() {
        return room(sums(new long[4]), 1, 0);
    }

    long creditRoom() {
        return room(sums(new long[4]), 3, 2);
    }

    /**
     * Each row's new absolute totals once {@code deltas} are added, spread evenly: every shard row holds
     * an eighth of each side (the remainder stays on the account's row) and a posted part of an eighth
     * of the posted total, so that no row is near its limit while the total isn't. Null when the new
     * totals can't be spread within the limits: an account whose totals were already beyond a long.
     */
    long[][] spread(long[] deltas) {
        BigInteger[] t = sums(deltas);
        long[][] out = new long[SHARDS][4];
        if (!side(t[1], t[0], out, 1, 0) || !side(t[3], t[2], out, 3, 2)) {
            return null;
        }
        return out;
    }

    private static boolean side(BigInteger posted, BigInteger pending, long[][] out, int postedColumn, int pendingColumn) {
        BigInteger total = posted.add(pending);
        if (posted.signum() < 0 || posted.compareTo(MAX) > 0 || pending.compareTo(MIN) < 0 || pending.compareTo(MAX) > 0
                || total.signum() < 0 || total.compareTo(MAX) > 0) {
            return false;
        }
        long p = posted.longValueExact();
        long s = total.longValueExact();
        long shardSide = s / SHARDS;
        long shardPosted = p / SHARDS;
        for (int shard = 1; shard < SHARDS; shard++) {
            out[shard][postedColumn] = shardPosted;
            out[shard][pendingColumn] = shardSide - shardPosted;
        }
        // the account's row keeps the rest: its side is s - 7 * (s / 8) <= s / 8 + 7 <= MAIN_LIMIT
        out[0][postedColumn] = p - (SHARDS - 1) * shardPosted;
        out[0][pendingColumn] = (s - p) - (SHARDS - 1) * (shardSide - shardPosted);
        return true;
    }

    /** Whether every total and each side's posted plus pending total fit in a long. */
    static boolean representable(BigInteger[] totals) {
        for (BigInteger t : totals) {
            if (t.compareTo(MIN) < 0 || t.compareTo(MAX) > 0) {
                return false;
            }
        }
        return totals[0].add(totals[1]).compareTo(MAX) <= 0 && totals[2].add(totals[3]).compareTo(MAX) <= 0;
    }

    private BigInteger[] sums(long[] deltas) {
        BigInteger[] t = new BigInteger[4];
        for (int k = 0; k < 4; k++) {
            BigInteger sum = BigInteger.valueOf(deltas[k]);
            for (long[] row : rows) {
                sum = sum.add(BigInteger.valueOf(row[k]));
            }
            t[k] = sum;
        }
        return t;
    }

    private static long room(BigInteger[] t, int posted, int pending) {
        BigInteger room = MAX.subtract(t[posted].add(t[pending]));
        return room.signum() <= 0 ? 0 : room.min(MAX).longValueExact();
    }

    private static long clamp(BigInteger v) {
        return v.max(MIN).min(MAX).longValue();
    }
}
