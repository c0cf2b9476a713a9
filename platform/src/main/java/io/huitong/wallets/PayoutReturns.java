package io.huitong.wallets;

import io.huitong.kernel.Money;

/**
 * The bank channel as what owns a payout sees a return of it: the bank paid the payout, then the beneficiary's bank
 * sent the money back (ISO 20022 pacs.004; the account closed, {@code AC04}). Merchant payouts ({@code po_...}) and
 * wallet withdrawals ({@code wdr_...}) each have their own; the bank connector asks each in turn until one knows the
 * payout.
 */
public interface PayoutReturns {

    /** What became of a return. */
    enum Outcome {
        /** Applied: the payout failed with the reason and its money is back. */
        RETURNED,
        /** This return was applied before: nothing changed. */
        ALREADY_RETURNED,
        /** Not one of this owner's payouts. */
        UNKNOWN,
        /** The payout cannot be returned so (not paid, another amount or currency): nothing changed. */
        REFUSED
    }

    /**
     * A return of the payout {@code payoutReference}.
     *
     * @param returnReference the bank's id of the return ({@code RtrId}), which names its entry on our account's statement
     * @param reason          the return reason code, such as {@code AC04}
     */
    record Return(String returnReference, String payoutReference, Money amount, String reason) {

        /**
         * Whether this return may be applied to a payout as it stands: null when it may; else what becomes of it, with why
         * for the log. Only a whole return of a paid payout is taken, once; the same return again is no change.
         *
         * @param knownReturn the return the payout already came back by, or null
         * @param paid        whether the payout was paid (and not failed since)
         * @param status      its status, for the log
         * @param payout      what it paid
         */
        public Verdict judge(String knownReturn, boolean paid, String status, Money payout) {
            if (knownReturn != null) {
                return knownReturn.equals(returnReference) ? new Verdict(Outcome.ALREADY_RETURNED, null)
                        : new Verdict(Outcome.REFUSED, "it came back before, by return " + knownReturn);
            }
            if (!paid) {
                return new Verdict(Outcome.REFUSED, "it is " + status + ", not paid");
            }
            if (!amount.equals(payout)) {
                return new Verdict(Outcome.REFUSED, "it returns " + amount.amount() + " " + amount.currency() + " of " + payout.amount() + " "
                        + payout.currency() + " (only a whole payout comes back)");
            }
            return null;
        }
    }

    /** A return not applied: the outcome, and why (null when it was applied before). */
    record Verdict(Outcome outcome, String why) {
    }

    Outcome returned(Return r);
}
