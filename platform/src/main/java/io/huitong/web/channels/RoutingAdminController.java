package io.huitong.web.channels;

import io.huitong.identity.ApiPrincipal;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;

import io.huitong.channels.Routing;
import io.huitong.channels.RoutingRule;
import io.huitong.channels.RoutingTable;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing rules, for operators: which payments each channel takes and what they cost there. A PUT
 * replaces the whole set at once, once another operator approved it; anything invalid is refused with a 400 naming the parameter, and nothing
 * changes.
 */
@RestController
@RequestMapping("/v1/admin/routing")
@Tag(name = "Channels (operator)")
class RoutingAdminController {

    /** The action of a routing change waiting for approval. */
    static final String REPLACE = "routing.replace";

    private final Routing routing;
    private final ChangeApprovals changes;

    RoutingAdminController(Routing routing, ChangeApprovals changes) {
        this.routing = routing;
        this.changes = changes;
    }

    record RuleView(String name, boolean enabled,
                    @Schema(description = "card, bank_transfer, ecny, qr") List<String> methods,
                    @Schema(description = "ISO 4217 codes; empty: every currency") List<String> currencies,
                    @Schema(description = "minor units, inclusive; null: no limit") Long minAmount,
                    @Schema(description = "minor units, inclusive; null: no limit") Long maxAmount,
                    @Schema(description = "the channel's percentage fee in basis points of the amount") int feeBps,
                    @Schema(description = "the channel's fixed fee per payment, minor units") long feeFixed) {

        static RuleView of(RoutingRule r) {
            return new RuleView(r.name(), r.enabled(), r.methods(), r.currencies(), r.minAmount(), r.maxAmount(), r.feeBps(), r.feeFixed());
        }
    }

    record RoutingView(@Schema(allowableValues = "routing") String object,
                       @Schema(description = "0 while no rules were stored: every channel takes every payment of its methods at no cost")
                       long version, Instant updatedAt, List<RuleView> channels) {

        static RoutingView of(RoutingTable t) {
            return new RoutingView("routing", t.version(), t.updatedAt(), t.channels().stream().map(RuleView::of).toList());
        }
    }

    /** One channel's rule as a PUT sends it: absent fields are told apart from zeros. */
    record RuleRequest(String name, Boolean enabled, List<String> methods, List<String> currencies, Long minAmount, Long maxAmount,
                       Integer feeBps, Long feeFixed) {
    }

    record RoutingRequest(List<RuleRequest> channels) {
    }

    @GetMapping
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    @Operation(summary = "The routing rules in force")
    RoutingView get() {
        return RoutingView.of(routing.current());
    }

    @PutMapping
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Replace every routing rule at once, with another operator's approval",
            description = "The rules are checked at once (400 naming the parameter, nothing waits); then 202 with a pending approval "
                    + "(action routing.replace). They are in force, with the next version, once another operator (admin or risk_analyst) "
                    + "approves it: POST /v1/admin/approvals/{id}/approve.")
    ResponseEntity<ApprovalView> put(@RequestBody RoutingRequest body, ApiPrincipal caller) {
        List<RoutingRule> rules = rules(body);
        routing.check(rules);
        return changes.request(caller, REPLACE, "routing", "routing", Set.of(OperatorRole.RISK_ANALYST), body,
                Map.of("channels", rules.size()));
    }

    /** The rules of a request, checked for what the API itself requires. */
    static List<RoutingRule> rules(RoutingRequest body) {
        if (body == null || body.channels() == null) {
            throw ApiException.missing("channels");
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < body.channels().size(); i++) {
            RuleRequest r = body.channels().get(i);
            String at = "channels[" + i + "].";
            if (r == null) {
                throw ApiException.invalid("channels[" + i + "]", "channels[" + i + "] must be an object.");
            }
            require(r.name(), at + "name");
            require(r.enabled(), at + "enabled");
            require(r.methods(), at + "methods");
            require(r.feeBps(), at + "fee_bps");
            require(r.feeFixed(), at + "fee_fixed");
            if (r.methods().contains(null)) {
                throw ApiException.invalid(at + "methods", "methods must list method names.");
            }
            if (r.currencies() != null && r.currencies().contains(null)) {
                throw ApiException.invalid(at + "currencies", "currencies must list currency codes.");
            }
            rules.add(new RoutingRule(r.name(), r.enabled(), r.methods(), r.currencies(), r.minAmount(), r.maxAmount(), r.feeBps(),
                    r.feeFixed()));
        }
        return rules;
    }

    private static void require(Object value, String param) {
        if (value == null) {
            throw ApiException.missing(param);
        }
    }
}
