package io.huitong.web.risk;

import io.huitong.approvals.ApprovalHandler;
import io.huitong.risk.RiskAdmin;
import io.huitong.web.approvals.ChangeApprovals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Approved rule changes, carried out as their requester asked them, in the requester's name. */
@Configuration(proxyBeanMethods = false)
class RiskApprovalConfig {

    @Bean
    ApprovalHandler riskRuleCreate(RiskAdmin risk, ChangeApprovals changes) {
        return ChangeApprovals.handler(RiskAdminController.CREATE_RULE, a -> rule(risk, a.objectId()),
                a -> after(risk.createRule(changes.request(a, RiskAdmin.RuleInput.class), a.requestedBy()), a.objectId()));
    }

    @Bean
    ApprovalHandler riskRuleUpdate(RiskAdmin risk, ChangeApprovals changes) {
        return ChangeApprovals.handler(RiskAdminController.UPDATE_RULE, a -> rule(risk, a.objectId()),
                a -> after(risk.updateRule(a.objectId(), changes.request(a, RiskAdmin.RuleInput.class), a.requestedBy()), a.objectId()));
    }

    @Bean
    ApprovalHandler riskRuleDelete(RiskAdmin risk) {
        return ChangeApprovals.handler(RiskAdminController.DELETE_RULE, a -> rule(risk, a.objectId()),
                a -> risk.deleteRule(a.objectId(), a.requestedBy()).version());
    }

    /** The new version's number and the rule as it is in it. */
    private static Object after(RiskAdmin.RuleSet set, String id) {
        return java.util.Map.of("version", set.version(), "rule", set.rules().stream().filter(r -> r.id().equals(id)).findFirst().<Object>map(r -> r)
                .orElse("none"));
    }

    /** The rule as it is in force now, or what says there is none: its state before the change. */
    private static Object rule(RiskAdmin risk, String id) {
        RiskAdmin.RuleSet current = risk.rules(null);
        return current.rules().stream().filter(r -> r.id().equals(id)).findFirst().<Object>map(r -> r)
                .orElse(java.util.Map.of("version", current.version(), "rule", "none"));
    }
}
