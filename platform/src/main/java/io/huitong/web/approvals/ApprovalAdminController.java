package io.huitong.web.approvals;

import io.huitong.approvals.Approvals;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two-person approval (docs/api.md, "Audit and approvals"). Any operator may try to decide: whether they may is
 * up to each approval's own approver roles, checked by {@link Approvals}, so the endpoints let every role through but the
 * auditor, who reads and changes nothing (MLPS level 3 separation of duties).
 */
@RestController
@RequestMapping("/v1/admin/approvals")
@Tag(name = "Approvals (operator)")
class ApprovalAdminController {

    private static final String DECIDE_RULES = "Nobody decides on their own request (403 approval_own_request); the operator needs one of the "
            + "approval's approver_roles or admin (403 approval_role_required); only a pending approval can be decided (409 "
            + "approval_unexpected_state); an operator votes once (409 approval_already_voted). note: optional, at most 500 characters, "
            + "no control characters.";

    private final Approvals approvals;

    ApprovalAdminController(Approvals approvals) {
        this.approvals = approvals;
    }

    @Schema(name = "AdminApprovalDecision")
    record Decision(@Schema(description = "why, for the record; at most 500 characters", nullable = true) String note) {
    }

    @GetMapping
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY, OperatorRole.FINANCE, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "Approvals, newest first; ?status=pending|approved|rejected")
    Page<ApprovalView> list(@Parameter(description = "pending, approved or rejected") @RequestParam(required = false) String status,
                            PageRequest page) {
        return approvals.list(status, page).map(ApprovalView::of);
    }

    @GetMapping("/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY, OperatorRole.FINANCE, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "An approval, with every vote so far")
    ApprovalView get(@PathVariable String id) {
        return ApprovalView.of(approvals.find(id).orElseThrow(() -> ApiException.notFound("approval", id)));
    }

    @PostMapping("/{id}/approve")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY, OperatorRole.RISK_ANALYST, OperatorRole.FINANCE, OperatorRole.SUPPORT})
    @Operation(summary = "Approve: once enough operators other than the requester approve, the action takes effect",
            description = DECIDE_RULES)
    ApprovalView approve(@PathVariable String id, @RequestBody(required = false) Decision body, ApiPrincipal caller) {
        return ApprovalView.of(approvals.approve(id, caller, body == null ? null : body.note()));
    }

    @PostMapping("/{id}/reject")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY, OperatorRole.RISK_ANALYST, OperatorRole.FINANCE, OperatorRole.SUPPORT})
    @Operation(summary = "Reject: the approval is rejected at once and the action is undone", description = DECIDE_RULES)
    ApprovalView reject(@PathVariable String id, @RequestBody(required = false) Decision body, ApiPrincipal caller) {
        return ApprovalView.of(approvals.reject(id, caller, body == null ? null : body.note()));
    }
}
