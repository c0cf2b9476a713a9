package io.huitong.web.channels;

import io.huitong.approvals.ApprovalHandler;
import io.huitong.channels.Routing;
import io.huitong.web.approvals.ChangeApprovals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingApprovalConfig {

    /** An approved routing change: the rules as the requester sent them, checked again, in force from now on. */
    @Bean
    ApprovalHandler routingReplace(Routing routing, ChangeApprovals changes) {
        return ChangeApprovals.handler(RoutingAdminController.REPLACE, a -> routing.current(),
                a -> routing.replace(RoutingAdminController.rules(changes.request(a, RoutingAdminController.RoutingRequest.class))));
    }
}
