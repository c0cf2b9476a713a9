package io.huitong.web.pages.console;

import io.huitong.approvals.Approval;
import io.huitong.approvals.Approvals;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.risk.RiskAdmin;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import io.huitong.web.audit.RecordedChanges;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Risk control on screen, through the same services as {@code /v1/admin/risk}: the review queue (each case's reasons, score and
 * the payer's recent history; approve or reject with a note), the rules in force with what dry-run rules would have decided
 * (a change waits for another risk analyst's approval, as in the API), and the block and allow lists.
 */
@Hidden
@Controller
@RequestMapping("/console/risk")
class ConsoleRiskController {

    /** The actions the API's rule changes wait for approval under (RiskAdminController), carried out by their approval handlers. */
    static final String CREATE_RULE = "risk.rule.create";
    static final String UPDATE_RULE = "risk.rule.update";
    static final String DELETE_RULE = "risk.rule.delete";
    static final Set<String> STATUSES = Set.of("open", "approved", "rejected");
    static final List<String> LIST_TYPES = List.of("card", "device", "ip", "user", "merchant");
    static final Set<String> ACTIONS = Set.of("allow", "challenge", "review", "block");
    static final Set<String> MODES = Set.of("active", "dry_run");

    private final RiskAdmin risk;
    private final Approvals approvals;
    private final ChangeApprovals changes;

    ConsoleRiskController(RiskAdmin risk, Approvals approvals, ChangeApprovals changes) {
        this.risk = risk;
        this.approvals = approvals;
        this.changes = changes;
    }

    // ---- reviews ----

    @GetMapping("/reviews")
    @SameRolesAs("GET /v1/admin/risk/reviews")
    String reviews(@RequestParam(required = false) String status, @RequestParam(required = false) String after, Model model) {
        String shown = status == null ? "open" : Forms.choice(status, "status", STATUSES);
        Page<RiskAdmin.ReviewCase> page = risk.reviews(shown, Forms.page(after));
        model.addAttribute("status", shown);
        model.addAttribute("statuses", List.of("open", "approved", "rejected"));
        model.addAttribute("reviews", page.data());
        model.addAttribute("next", page.hasMore() ? "/console/risk/reviews?status=" + shown + "&after=" + page.data().getLast().id() : null);
        return "console/risk/reviews";
    }

    @GetMapping("/reviews/{id}")
    @SameRolesAs("GET /v1/admin/risk/reviews/{id}")
    String review(Staff staff, @PathVariable String id, @RequestParam(required = false) String done, Model model) {
        RiskAdmin.ReviewDetail detail = risk.review(Forms.id(id, "review"), staff.id());
        model.addAttribute("detail", detail);
        model.addAttribute("review", detail.review());
        model.addAttribute("done", done == null ? null : Set.of("approved", "rejected").contains(done) ? "console.review.done." + done : null);
        return "console/risk/review";
    }

    @PostMapping("/reviews/{id}/approve")
    @SameRolesAs("POST /v1/admin/risk/reviews/{id}/approve")
    String approve(Staff staff, @PathVariable String id, @RequestParam(required = false) String note) {
        String checked = Forms.text(note, "note", 500);
        RecordedChanges.change(() -> null, () -> risk.approve(Forms.id(id, "review"), staff.id(), checked));
        return "redirect:/console/risk/reviews/" + id + "?done=approved";
    }

    @PostMapping("/reviews/{id}/reject")
    @SameRolesAs("POST /v1/admin/risk/reviews/{id}/reject")
    String reject(Staff staff, @PathVariable String id, @RequestParam(required = false) String note) {
        String checked = Forms.text(note, "note", 500);
        RecordedChanges.change(() -> null, () -> risk.reject(Forms.id(id, "review"), staff.id(), checked));
        return "redirect:/console/risk/reviews/" + id + "?done=rejected";
    }

    // ---- rules ----

    @GetMapping("/rules")
    @SameRolesAs("GET /v1/admin/risk/rules")
    String rules(ConsoleAccess.Permissions can, @RequestParam(required = false) String rule, Model model) {
        RiskAdmin.RuleSet set = risk.rules(null);
        model.addAttribute("ruleSet", set);
        String hitsOf = Forms.blank(rule);
        if (can.open("GET /console/risk/dry-run-hits")) {
            model.addAttribute("hits", risk.dryRunHits(hitsOf, PageRequest.first(50)).data());
        }
        model.addAttribute("hitsOf", hitsOf);
        model.addAttribute("pending", pendingRuleChanges());
        model.addAttribute("actions", List.of("allow", "challenge", "review", "block"));
        return "console/risk/rules";
    }

    /** The dry-run hits alone (the rules page shows them when this opens; it is the API's own rule). */
    @GetMapping("/dry-run-hits")
    @SameRolesAs("GET /v1/admin/risk/dry_run_hits")
    String dryRunHits(@RequestParam(required = false) String rule) {
        return "redirect:/console/risk/rules" + (Forms.blank(rule) == null ? "" : "?rule=" + Forms.id(rule, "rule"));
    }

    private List<Approval> pendingRuleChanges() {
        return approvals.list(Approval.PENDING, PageRequest.first(100)).data().stream()
                .filter(a -> a.action().startsWith("risk.rule.")).toList();
    }

    @PostMapping("/rules")
    @SameRolesAs("POST /v1/admin/risk/rules")
    String createRule(Staff staff, @RequestParam(name = "rule_id", required = false) String ruleId, @RequestParam(required = false) String name,
                      @RequestParam(required = false) String expression, @RequestParam(required = false) String action,
                      @RequestParam(required = false) String score, @RequestParam(required = false) String mode) {
        RiskAdmin.RuleInput input = new RiskAdmin.RuleInput(Forms.text(ruleId, "id", 64), Forms.required(name, "name", 200),
                Forms.required(expression, "expression", 2000), Forms.required(action, "action", 20), score(score), true,
                Forms.choice(mode, "mode", MODES) == null ? "dry_run" : mode.strip());
        RiskAdmin.RuleInput checked = risk.checkRule(null, input);
        return requested(changes.request(staff.principal(), CREATE_RULE, "risk_rule", checked.id(), Set.of(OperatorRole.RISK_ANALYST), checked,
                Map.of()));
    }

    /** Switches a rule between dry run and active, or on and off, with another operator's approval. */
    @PostMapping("/rules/{id}")
    @SameRolesAs("POST /v1/admin/risk/rules/{id}")
    String updateRule(Staff staff, @PathVariable String id, @RequestParam(required = false) String mode,
                      @RequestParam(required = false) String enabled) {
        String m = Forms.choice(mode, "mode", MODES);
        String e = Forms.choice(enabled, "enabled", Set.of("true", "false"));
        if (m == null && e == null) {
            throw ApiException.missing("mode");
        }
        RiskAdmin.RuleInput input = new RiskAdmin.RuleInput(null, null, null, null, null, e == null ? null : Boolean.valueOf(e), m);
        RiskAdmin.RuleInput checked = risk.checkRule(Forms.id(id, "rule"), input);
        return requested(changes.request(staff.principal(), UPDATE_RULE, "risk_rule", id, Set.of(OperatorRole.RISK_ANALYST), checked, Map.of()));
    }

    @PostMapping("/rules/{id}/delete")
    @SameRolesAs("DELETE /v1/admin/risk/rules/{id}")
    String deleteRule(Staff staff, @PathVariable String id) {
        risk.checkRuleExists(Forms.id(id, "rule"));
        return requested(changes.request(staff.principal(), DELETE_RULE, "risk_rule", id, Set.of(OperatorRole.RISK_ANALYST), Map.of("id", id),
                Map.of()));
    }

    private static Integer score(String score) {
        String s = Forms.blank(score);
        if (s == null) {
            return null;
        }
        if (!s.matches("-?[0-9]{1,4}")) {
            throw ApiException.invalid("score", "score must be a whole number");
        }
        return Integer.valueOf(s);
    }

    /** A change that now waits for a colleague: to its approval's page, which says so. */
    static String requested(ResponseEntity<ApprovalView> pending) {
        return "redirect:/console/approvals/" + pending.getBody().id() + "?done=requested";
    }

    // ---- lists ----

    @GetMapping("/lists")
    @SameRolesAs("GET /v1/admin/risk/lists/{type}")
    String lists(@RequestParam(required = false) String type, @RequestParam(required = false) String done, Model model) {
        String shown = type == null ? "card" : Forms.choice(type, "type", Set.copyOf(LIST_TYPES));
        model.addAttribute("type", shown);
        model.addAttribute("types", LIST_TYPES);
        model.addAttribute("entries", risk.listEntries(shown));
        model.addAttribute("done", done == null ? null : Set.of("added", "removed").contains(done) ? "console.lists.done." + done : null);
        return "console/risk/lists";
    }

    @PostMapping("/lists/{type}")
    @SameRolesAs("POST /v1/admin/risk/lists/{type}")
    String addEntry(Staff staff, @PathVariable String type, @RequestParam(required = false) String value,
                    @RequestParam(name = "card_number", required = false) String cardNumber,
                    @RequestParam(required = false) String action, @RequestParam(required = false) String reason) {
        String t = Forms.choice(type, "type", Set.copyOf(LIST_TYPES));
        String a = Forms.required(action, "action", 10);
        String why = Forms.text(reason, "reason", 500);
        RiskAdmin.ListInput input;
        if ("card".equals(t)) {
            // a card by its number (fingerprinted at once, never kept: the field's name keeps it off the audit record) or fingerprint
            String number = Forms.text(cardNumber, "card_number", 40);
            String fingerprint = Forms.text(value, "value", 200);
            if (number == null && fingerprint == null) {
                throw ApiException.missing("value");
            }
            input = new RiskAdmin.ListInput(null, number == null ? null : number.replaceAll("[ \\-]", ""), number == null ? fingerprint : null, a,
                    why);
        } else {
            input = new RiskAdmin.ListInput(Forms.required(value, "value", 200), null, null, a, why);
        }
        RecordedChanges.change(() -> null, () -> risk.addListEntry(t, input, staff.id()));
        return "redirect:/console/risk/lists?type=" + t + "&done=added";
    }

    @PostMapping("/lists/{type}/{id}/remove")
    @SameRolesAs("DELETE /v1/admin/risk/lists/{type}/{id}")
    String removeEntry(Staff staff, @PathVariable String type, @PathVariable String id) {
        String t = Forms.choice(type, "type", Set.copyOf(LIST_TYPES));
        String entry = Forms.id(id, "list entry");
        RecordedChanges.change(() -> risk.listEntries(t).stream().filter(e -> e.id().equals(entry)).findFirst().orElse(null), () -> {
            risk.removeListEntry(t, entry, staff.id());
            return Map.<String, Object>of("id", entry, "deleted", true);
        });
        return "redirect:/console/risk/lists?type=" + t + "&done=removed";
    }
}
