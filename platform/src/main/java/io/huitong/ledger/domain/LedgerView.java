package io.huitong.ledger.domain;

import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferKind;

/** What the engine may read of the stored ledger while it applies a batch (already locked by the caller). */
public interface LedgerView {

    /** The account's current totals, or null when it does not exist. Only accounts the batch touches are asked for. */
    AccountState account(String id);

    /** A stored transfer, or null. */
    Transfer transfer(String id);

    /** How a stored hold was resolved (POST_PENDING, VOID_PENDING, EXPIRE_PENDING), or null if still open. */
    TransferKind resolution(String pendingId);

    /** How much of a stored posted transfer has already been reversed. */
    long reversedAmount(String originalId);
}
