package io.huitong.approvals;

import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** Two-person approval of sensitive actions, for any module that owns such an action. */
public interface Approvals {

    /**
     * Records a pending approval. Joins the caller's transaction when there is one, so that the requester's
     * own state change and the approval commit (or roll back) together. An action without an
     * {@link ApprovalHandler} bean is refused at once with {@link IllegalStateException}: nothing could
     * ever carry it out.
     */
    Approval request(NewApproval request);

    /** The approval with this id; empty for anything that is not the id of one. */
    Optional<Approval> find(String id);

    /** The latest approval about this object, whatever its status. */
    Optional<Approval> findFor(String objectType, String objectId);

    /** Newest first; {@code status} (pending, approved or rejected, else 400 {@code parameter_invalid}) or null for all. */
    Page<Approval> list(String status, PageRequest page);

    /**
     * Counts the operator's approval, under a lock on the approval so that concurrent decisions are taken one
     * after the other. The approval that reaches {@code required} becomes {@code approved} and its handler's
     * {@link ApprovalHandler#approved} runs in the same transaction. Refusals, in this order: unknown id 404;
     * the requester 403 {@code approval_own_request}; an operator without one of the approver roles (admin
     * passes) 403 {@code approval_role_required}; not pending 409 {@code approval_unexpected_state}; a second vote
     * of the same operator 409 {@code approval_already_voted}. {@code note}: optional, at most 500 characters,
     * no control characters (400 {@code parameter_invalid}). Should the action's handler be gone by then (a release
     * that dropped it while approvals were pending), the decision fails with {@link IllegalStateException} and keeps nothing.
     */
    Approval approve(String id, ApiPrincipal operator, String note);

    /**
     * Rejects the approval at once, with the same checks as {@link #approve}: it becomes {@code rejected}
     * and its handler's {@link ApprovalHandler#rejected} runs in the same transaction.
     */
    Approval reject(String id, ApiPrincipal operator, String note);
}
