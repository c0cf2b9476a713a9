package io.huitong.reconciliation;

import io.huitong.approvals.Approval;

/** What resolving a break did: resolved it at once, or asked for another operator's approval first. */
public sealed interface BreakResolution {

    ReconciliationBreak reconciliationBreak();

    record Resolved(ReconciliationBreak reconciliationBreak) implements BreakResolution {
    }

    /** A write-off at or above the threshold: it posts when another operator approves it. */
    record AwaitingApproval(ReconciliationBreak reconciliationBreak, Approval approval) implements BreakResolution {
    }
}
