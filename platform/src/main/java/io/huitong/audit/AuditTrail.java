package io.huitong.audit;

import java.util.List;

/**
 * Writes to the audit trail. Both methods join the caller's transaction, so that what is recorded and the
 * record of it commit, or roll back, together; the chainer puts the record on the chain once it committed.
 */
public interface AuditTrail {

    /** Records an action. */
    void record(AuditRecord record);

    /**
     * Records a group of ledger transfers written in the caller's transaction, as one entry: their ids, their
     * references and a digest of what they moved. The actor is the one of the current {@link AuditScope}, else
     * {@code system}.
     */
    void recordMoney(List<MovedMoney> transfers);
}
