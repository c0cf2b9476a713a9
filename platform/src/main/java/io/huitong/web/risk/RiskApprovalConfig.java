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
        return ChangeApprovals.handler(RiskAdminController.CREATE_RULE,
                a -> risk.createRule(changes.request(a, RiskAdmin.RuleInput.class), a.requestedBy()));
    }

    @Bean
    ApprovalHandler riskRuleUpdate(RiskAdmin risk, ChangeApprovals changes) {
        return ChangeApprovals.handler(RiskAdminController.UPDATE_RULE,
                a -> risk.updateRule(a.objectId(), changes.request(a, RiskAdmin.RuleInput.class), a.requestedBy()));
    }

    @Bean
    ApprovalHandler riskRuleDelete(RiskAdmin risk) {
        return ChangeApprovals.handler(RiskAdminController.DELETE_RULE, a -> risk.deleteRule(a.objectId(), a.requestedBy()));
    }
}
