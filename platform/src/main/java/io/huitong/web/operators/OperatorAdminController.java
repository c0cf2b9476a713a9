package io.huitong.web.operators;

import io.huitong.web.audit.RecordedChanges;
import io.huitong.approvals.ApprovalHandler;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.operators.Operator;
import io.huitong.web.approvals.ApprovalView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.operators.NewOperator;
import io.huitong.operators.Operators;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator accounts, managed by admins. */
@RestController
@RequestMapping("/v1/admin/operators")
@Tag(name = "Operators (operator)")
class OperatorAdminController {

    static final String GRANT_ROLES = "operator.grant_roles";

    private final Operators operators;
    private final Approvals approvals;

    OperatorAdminController(Operators operators, Approvals approvals) {
        this.operators = operators;
        this.approvals = approvals;
    }

    /** An approved role grant activates the pending operator; a rejected one disables them. */
    @Configuration(proxyBeanMethods = false)
    static class Approval {

        @Bean
        ApprovalHandler operatorGrantRoles(Operators operators) {
            return new ApprovalHandler() {
                @Override
                public String action() {
                    return GRANT_ROLES;
                }

                @Override
                public void approved(io.huitong.approvals.Approval approval) {
                    operators.activate(approval.objectId());
                }

                @Override
                public void rejected(io.huitong.approvals.Approval approval) {
                    operators.disable(approval.objectId());
                }
            };
        }
    }

    @PostMapping
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Create an operator with roles and a first password; they enrol TOTP at their first login",
            description = "Roles: admin, security, risk_analyst, finance, auditor, support (400 parameter_invalid otherwise). The password "
                    + "must be at least 12 characters and not trivial (400 password_too_weak); an email already taken is a 409 email_taken. "
                    + "Once an active security administrator exists, a role grant needs one's approval: the answer is 202 with a pending "
                    + "approval (action operator.grant_roles) and the operator, pending, can log in once a security operator other than "
                    + "the requester approves (rejected: disabled). Until then (a new installation), the operator is active at once: 201.")
    ResponseEntity<?> create(@RequestBody NewOperator body, ApiPrincipal caller) {
        if (!operators.anyActive(OperatorRole.SECURITY)) {
            return ResponseEntity.status(HttpStatus.CREATED).body(OperatorView.of(operators.create(body)));
        }
        Operator pending = operators.createPending(body);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("email", pending.email());
        shown.put("name", pending.name());
        shown.put("roles", pending.roles().stream().map(OperatorRole::wireName).sorted().toList());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApprovalView.of(approvals.request(new NewApproval(GRANT_ROLES, "operator",
                pending.id(), caller.id(), Set.of(OperatorRole.SECURITY), 1, shown))));
    }

    @GetMapping
    @AllowedRoles(OperatorRole.ADMIN)
    Page<OperatorView> list(PageRequest page) {
        return operators.list(page).map(OperatorView::of);
    }

    @PostMapping("/sessions/end")
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "End every operator session at once (access that may have leaked): everyone logs in again with password and code;"
            + " the admin key is no session and keeps working")
    Map<String, Object> endAllSessions() {
        return Map.of("object", "operator_sessions_ended", "ended", operators.endAllSessions());
    }

    @GetMapping("/{id}")
    @AllowedRoles(OperatorRole.ADMIN)
    OperatorView get(@PathVariable String id) {
        return OperatorView.of(operators.find(id).orElseThrow(() -> ApiException.notFound("operator", id)));
    }

    @PostMapping("/{id}/disable")
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Disable an operator: their sessions end at once and they can't log in again")
    OperatorView disable(@PathVariable String id, ApiPrincipal caller) {
        if (id.equals(caller.id())) {
            throw ApiException.invalid("id", "An operator can't disable themselves.");
        }
        return RecordedChanges.change(() -> operators.find(id).map(OperatorView::of).orElse(null), () -> OperatorView.of(operators.disable(id)));
    }

    @PostMapping("/{id}/reset_mfa")
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Remove an operator's TOTP (a lost device): their sessions end; their next login enrols a new one")
    OperatorView resetMfa(@PathVariable String id) {
        return RecordedChanges.change(() -> operators.find(id).map(OperatorView::of).orElse(null), () -> OperatorView.of(operators.resetMfa(id)));
    }
}
