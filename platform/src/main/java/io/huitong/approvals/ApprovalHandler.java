package io.huitong.approvals;

/**
 * Carries out the decision on one kind of action: a Spring bean of the module that owns the action, one
 * per {@link #action()}. Both methods run inside the transaction that records the decision: whatever they
 * write commits with it, and if they throw, the decision is not kept and the approval stays pending.
 */
public interface ApprovalHandler {

    /** The action this handler carries out, as in {@link NewApproval#action()}. */
    String action();

    /** The approval got its last required approval: do the action. */
    void approved(Approval approval);

    /** An approver rejected it: undo whatever the request put on hold. */
    void rejected(Approval approval);
}
