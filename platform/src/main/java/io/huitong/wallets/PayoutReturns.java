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
    }

    Outcome returned(Return r);
}
