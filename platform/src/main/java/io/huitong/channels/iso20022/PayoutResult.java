package io.huitong.channels.iso20022;

/** What became of one payout of a batch. */
public sealed interface PayoutResult {

    String reference();

    /** The money reached the creditor's account. */
    record Settled(String reference) implements PayoutResult {
    }

    /** Accepted; settlement follows (ask with {@code query(reference)}). */
    record Pending(String reference) implements PayoutResult {
    }

    /** Refused: {@code code} is {@code invalid_account}, {@code insufficient_funds} or {@code payout_rejected}. */
    record Rejected(String reference, String code, String message) implements PayoutResult {
    }

    /** The bank certainly did not take the batch: it may be sent again. */
    record Unavailable(String reference, String reason) implements PayoutResult {
    }

    /** No answer in time: the payout may or may not have been made; sending the batch again is safe (same references). */
    record Unknown(String reference, String reason) implements PayoutResult {
    }
}
