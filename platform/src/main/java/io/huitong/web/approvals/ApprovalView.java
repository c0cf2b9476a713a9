package io.huitong.web.approvals;

import io.huitong.approvals.Approval;
import io.huitong.identity.OperatorRole;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An approval in the API. Public so that the controller of an action that waits for approval can answer
 * its 202 with the same object ({@link #of(Approval)}). Its schema is named AdminApproval: the consumers' QR login
 * already has a schema named Approval.
 */
@Schema(name = "AdminApproval")
public record ApprovalView(@Schema(allowableValues = "approval") String object, String id,
                           @Schema(allowableValues = {"pending", "approved", "rejected"}) String status,
                           @Schema(description = "what waits for approval, such as payout.create") String action,
                           String objectType, String objectId,
                           @Schema(description = "the operator who asked, or system; they may not decide") String requestedBy,
                           @Schema(description = "roles that may decide besides admin: admin, security, risk_analyst, finance, auditor, support")
                           List<String> approverRoles,
                           @Schema(description = "approvals needed from operators other than the requester") int required,
                           List<VoteView> approvals,
                           @Schema(description = "the rejection, once there is one", nullable = true) VoteView rejection,
                           @Schema(description = "what the approvers are shown about the action (amount, currency, merchant...)")
                           Map<String, Object> details,
                           Instant createdAt,
                           @Schema(nullable = true) Instant decidedAt) {

    @Schema(name = "AdminApprovalVote")
    public record VoteView(String operator, @Schema(nullable = true) String note, Instant at) {

        static VoteView of(Approval.Vote vote) {
            return vote == null ? null : new VoteView(vote.operator(), vote.note(), vote.at());
        }
    }

    public static ApprovalView of(Approval a) {
        return new ApprovalView("approval", a.id(), a.status(), a.action(), a.objectType(), a.objectId(), a.requestedBy(),
                a.approverRoles().stream().map(OperatorRole::wireName).toList(), a.required(), a.approvals().stream().map(VoteView::of).toList(),
                VoteView.of(a.rejection()), shown(a.details()), a.createdAt(), a.decidedAt());
    }

    /** The details approvers see: a sealed request stays with the platform (its masked summary is beside it). */
    private static Map<String, Object> shown(Map<String, Object> details) {
        if (!details.containsKey(ChangeApprovals.SEALED_REQUEST)) {
            return details;
        }
        Map<String, Object> shown = new java.util.LinkedHashMap<>(details);
        shown.remove(ChangeApprovals.SEALED_REQUEST);
        return shown;
    }
}
