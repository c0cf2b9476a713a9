package io.huitong.ledger;

/** Constraints an account carries for its whole life. */
public enum AccountFlag {
    /** Debits (posted and pending) may never exceed posted credits: a wallet or a payable can't go negative. */
    DEBITS_MUST_NOT_EXCEED_CREDITS(1),
    /** Credits (posted and pending) may never exceed posted debits. */
    CREDITS_MUST_NOT_EXCEED_DEBITS(2);

    private final int bit;

    AccountFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int toBits(java.util.Set<AccountFlag> flags) {
        int bits = 0;
        for (AccountFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }

    public static java.util.Set<AccountFlag> fromBits(int bits) {
        java.util.EnumSet<AccountFlag> set = java.util.EnumSet.noneOf(AccountFlag.class);
        for (AccountFlag f : values()) {
            if ((bits & f.bit) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
