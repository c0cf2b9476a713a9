package io.huitong.ledger;

/** What a transfer does. */
public enum TransferKind {
    /** Moves money at once (posted). */
    POSTED,
    /** Reserves money: a hold, later posted, voided or expired. */
    PENDING,
    /** Posts a hold in full or in part; the rest is released. */
    POST_PENDING,
    /** Releases a hold in full. */
    VOID_PENDING,
    /** Releases a hold whose timeout passed; written by the ledger itself. */
    EXPIRE_PENDING,
    /** Compensates a posted transfer, in full or in part, by moving money back. */
    REVERSAL
}
