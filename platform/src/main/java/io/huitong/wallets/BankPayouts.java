package io.huitong.wallets;

import io.huitong.kernel.Money;
import java.util.List;

/**
 * The bank channel as withdrawals see it: a payout of a wallet's money to a bank account (a credit transfer,
 * ISO 20022 pain.001 at the bank connector). The reference (a withdrawal's id, {@code wdr_...}) names the
 * payout for good: sending it twice pays once. Implementations answer within their own timeout: no answer in
 * time is {@link Result.Pending}, never an exception for a network problem.
 */
public interface BankPayouts {

    Result send(Payout payout);

    /**
     * Several payouts as one message named by {@code batchReference} (at most 35 characters: a pain.001's message and
     * payment information id), which the bank is asked to book as one entry of our account's statement, named by the
     * reference, for the sum of the payouts it makes. Answers one result per payout, in their order. Sent again with the
     * same reference after no answer, it pays each payout once. This default sends each payout alone, for banks without
     * batches.
     */
    default List<Result> send(String batchReference, List<Payout> payouts) {
        return payouts.stream().map(this::send).toList();
    }

    /** What became of the payout with this reference. */
    Result status(String reference);

    /** A payout to make. {@link #toString()} hides the account number. */
    record Payout(String reference, Money amount, String bankCode, String accountNumber, String accountName) {

        @Override
        public String toString() {
            return "Payout[" + reference + ", " + amount + ", " + bankCode + " ..."
                    + accountNumber.substring(Math.max(0, accountNumber.length() - 4)) + "]";
        }
    }

    /** The bank's answer. */
    sealed interface Result {

        /** The bank credited the account. */
        record Settled(String bankReference) implements Result {
        }

        /** The bank refused or returned the payout: no money left. */
        record Rejected(String code, String message) implements Result {
        }

        /** Accepted, not settled yet; or the bank could not be asked. Ask again later. */
        record Pending() implements Result {
        }
    }
}
