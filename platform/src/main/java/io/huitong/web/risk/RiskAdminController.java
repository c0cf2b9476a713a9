package io.huitong.web.risk;

import io.huitong.web.audit.RecordedChanges;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.Page;
import io.huitong.risk.RiskAdmin;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Risk control for operators: rules (versioned, CEL), block and allow lists, and review cases. */
@RestController
@RequestMapping("/v1/admin/risk")
@Tag(name = "Risk (operator)")
class RiskAdminController {

    static final String CREATE_RULE = "risk.rule.create";
    static final String UPDATE_RULE = "risk.rule.update";
    static final String DELETE_RULE = "risk.rule.delete";
    private static final String APPROVAL = "The change is checked at once (400 naming the parameter, 404 for an unknown rule, 409 rule_exists; "
            + "nothing waits), then answered 202 with a pending approval; it takes effect once another operator (risk_analyst or admin) "
            + "approves it: POST /v1/admin/approvals/{id}/approve.";

    private final RiskAdmin risk;
    private final ChangeApprovals changes;

    RiskAdminController(RiskAdmin risk, ChangeApprovals changes) {
        this.risk = risk;
        this.changes = changes;
    }

    record Verdict(String note) {
    }

    // ---- rules ----

    @GetMapping("/rules")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "The rules in force, or those of an older version (?version=)")
    RiskAdmin.RuleSet rules(@RequestParam(required = false) Integer version) {
        return risk.rules(version);
    }

    @GetMapping("/rules/versions")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "Every version of the rules, newest first (up to 100)")
    Page<RiskAdmin.RuleSet> versions() {
        return new Page<>(risk.versions(), false);
    }

    @PostMapping("/rules")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Add a rule, with another operator's approval: then a new version of the rules",
            description = "expression is CEL over amount, currency, kind, card.country, ip.country, declared_country, "
                    + "velocity.{card,device,ip,user,merchant}.{count_1h,sum_1h,count_24h,sum_24h,small_1h}, new_device, "
                    + "country_mismatch, km_from_last, minutes_since_last, amount_to_median, small_payments_1h, hour_of_day, "
                    + "account_age_days, model_score. mode dry_run records matches without acting. " + APPROVAL)
    ResponseEntity<ApprovalView> create(ApiPrincipal caller, @RequestBody RiskAdmin.RuleInput body) {
        RiskAdmin.RuleInput checked = risk.checkRule(null, body);
        return changes.request(caller, CREATE_RULE, "risk_rule", checked.id(), Set.of(OperatorRole.RISK_ANALYST), checked, Map.of());
    }

    @GetMapping("/rules/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    io.huitong.risk.RiskRule rule(@PathVariable String id) {
        return risk.rules(null).rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> io.huitong.kernel.ApiException.notFound("rule", id));
    }

    @PostMapping("/rules/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Change a rule (absent fields keep their value), with another operator's approval: then a new version of the rules",
            description = APPROVAL)
    ResponseEntity<ApprovalView> update(ApiPrincipal caller, @PathVariable String id, @RequestBody RiskAdmin.RuleInput body) {
        RiskAdmin.RuleInput checked = risk.checkRule(id, body);
        return changes.request(caller, UPDATE_RULE, "risk_rule", id, Set.of(OperatorRole.RISK_ANALYST), checked, Map.of());
    }

    @DeleteMapping("/rules/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Remove a rule, with another operator's approval: then a new version of the rules", description = APPROVAL)
    ResponseEntity<ApprovalView> delete(ApiPrincipal caller, @PathVariable String id) {
        risk.checkRuleExists(id);
        return changes.request(caller, DELETE_RULE, "risk_rule", id, Set.of(OperatorRole.RISK_ANALYST), Map.of("id", id), Map.of());
    }

    @GetMapping("/decisions")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR, OperatorRole.SUPPORT})
    @Operation(summary = "The decision log, newest first: every decision on a movement (?reference=), of a consumer (?user=) or "
            + "of a card (?card_fingerprint=), with what described the payer, the outcome and the rules behind it")
    Page<RiskAdmin.Decision> decisions(@RequestParam(required = false) String reference, @RequestParam(required = false) String user,
                                       @RequestParam(name = "card_fingerprint", required = false) String cardFingerprint,
                                       io.huitong.kernel.PageRequest page) {
        return risk.decisions(blank(reference), blank(user), blank(cardFingerprint), page);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @GetMapping("/dry_run_hits")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "What dry-run rules would have decided, newest first")
    Page<RiskAdmin.DryRunHit> dryRunHits(@RequestParam(required = false) String rule, io.huitong.kernel.PageRequest page) {
        return risk.dryRunHits(rule, page);
    }

    // ---- lists ----

    @GetMapping("/lists/{type}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "The entries of a list: card, device, ip, user or merchant")
    Page<RiskAdmin.ListEntry> list(@PathVariable String type) {
        return new Page<>(risk.listEntries(type), false);
    }

    @PostMapping("/lists/{type}")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Block or allow a card, device, IP address, user or merchant",
            description = "{value, action: block|allow, reason}; a card gives card_number (fingerprinted at once, never kept) or fingerprint.")
    RiskAdmin.ListEntry add(ApiPrincipal caller, @PathVariable String type, @RequestBody RiskAdmin.ListInput body) {
        return RecordedChanges.change(() -> null, () -> risk.addListEntry(type, body, caller.id()));
    }

    @DeleteMapping("/lists/{type}/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    Map<String, Object> remove(ApiPrincipal caller, @PathVariable String type, @PathVariable String id) {
        return RecordedChanges.change(() -> risk.listEntries(type).stream().filter(e -> e.id().equals(id)).findFirst().orElse(null), () -> {
            risk.removeListEntry(type, id, caller.id());
            return Map.<String, Object>of("id", id, "deleted", true);
        });
    }

    // ---- reviews ----

    @GetMapping("/reviews")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Review cases, newest first; ?status=open|approved|rejected")
    Page<RiskAdmin.ReviewCase> reviews(@RequestParam(required = false) String status, io.huitong.kernel.PageRequest page) {
        return risk.reviews(status, page);
    }

    @GetMapping("/reviews/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Open a case: its reasons, every action taken, and the payer's recent history")
    RiskAdmin.ReviewDetail review(ApiPrincipal caller, @PathVariable String id) {
        return risk.review(id, caller.id());
    }

    @PostMapping("/reviews/{id}/approve")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Approve: the held movement goes through")
    RiskAdmin.ReviewCase approve(ApiPrincipal caller, @PathVariable String id, @RequestBody(required = false) Verdict body) {
        return RecordedChanges.change(() -> null, () -> risk.approve(id, caller.id(), body == null ? null : body.note()));
    }

    @PostMapping("/reviews/{id}/reject")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Reject: the held movement is canceled and its hold released")
    RiskAdmin.ReviewCase reject(ApiPrincipal caller, @PathVariable String id, @RequestBody(required = false) Verdict body) {
        return RecordedChanges.change(() -> null, () -> risk.reject(id, caller.id(), body == null ? null : body.note()));
    }
}
