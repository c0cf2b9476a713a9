package io.huitong.reconciliation.domain;

/**
 * The ledger correction that settles a break: a new transfer between the channel's clearing account and the account of
 * the action ({@code platform:reconciliation_adjustments:CUR} for an adjustment, {@code platform:write_offs:CUR} for a
 * write-off), for the difference between what the channel's statement moved and what our records did. The clearing
 * account is an asset: what the channel owes the platform grows with a debit. Transfers are never edited; this is
 * always a new one.
 */
public sealed interface Correction {

    /** Nothing to post: the break is accepted as it is. */
    record None() implements Correction {
    }

    /** A transfer to post: {@code amount} (positive) from {@code debitAccount} to {@code creditAccount}. */
    record Transfer(String debitAccount, String creditAccount, long amount, String currency, long difference) implements Correction {
    }

    /** No correction can be made: the reason, for the operator. */
    record Refused(String code, String message) implements Correction {
    }

    /** What the operator may do with a break. */
    enum Action {
        ADJUST("adjust", "reconciliation_adjustments"),
        WRITE_OFF("write_off", "write_offs"),
        ACCEPT("accept", null);

        private final String wireName;
        private final String account;

        Action(String wireName, String account) {
            this.wireName = wireName;
            this.account = account;
        }

        public String wireName() {
            return wireName;
        }

        public static java.util.Optional<Action> ofWire(String name) {
            for (Action a : values()) {
                if (a.wireName.equals(name)) {
                    return java.util.Optional.of(a);
                }
            }
            return java.util.Optional.empty();
        }

        /** The account the correction goes to or comes from, in {@code currency}. */
        public String account(String currency) {
            return "platform:" + account + ":" + currency;
        }
    }

    /**
     * The correction of a break: {@code ourAmount} and {@code channelAmount} are the signed amounts (positive: money to the
     * platform) each side moved, null for a side with nothing.
     */
    static Correction of(Action action, BreakClass breakClass, Long ourAmount, Long channelAmount, String currency, String clearingAccount) {
        if (action == Action.ACCEPT) {
            return new None();
        }
        if (breakClass == BreakClass.CURRENCY_MISMATCH) {
            return new Refused("reconciliation_break_not_correctable",
                    "A currency mismatch can't be corrected by one transfer in one currency: correct the ledger by hand, then accept it.");
        }
        long difference = Math.subtractExact(channelAmount == null ? 0 : channelAmount, ourAmount == null ? 0 : ourAmount);
        if (difference == 0) {
            return new Refused("reconciliation_break_not_correctable", "Both sides moved the same amount: there is nothing to correct; accept it.");
        }
        String other = action.account(currency);
        return difference > 0 ? new Transfer(clearingAccount, other, difference, currency, difference)
                : new Transfer(other, clearingAccount, Math.negateExact(difference), currency, difference);
    }
}
