/**
 * Two-person approval (双人复核): an action over a threshold or marked sensitive waits as an approval until
 * enough other operators with the right role approve it; nobody approves their own request. The module that
 * owns the action registers an {@link io.huitong.approvals.ApprovalHandler}, called in the same transaction
 * as the decision.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals", allowedDependencies = {"kernel", "identity"})
package io.huitong.approvals;
