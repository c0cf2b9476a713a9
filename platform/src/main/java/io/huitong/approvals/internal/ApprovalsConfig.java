package io.huitong.approvals.internal;

import io.huitong.approvals.ApprovalHandler;
import io.huitong.kernel.Ids;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ApprovalsConfig {

    @Bean
    ApprovalHandlers approvalHandlers(ObjectProvider<ApprovalHandler> handlers) {
        return new ApprovalHandlers(() -> handlers.orderedStream().toList());
    }

    /** Once every bean exists, two handlers of one action stop the start instead of failing a decision later. */
    @Bean
    SmartInitializingSingleton approvalHandlersCheck(ApprovalHandlers handlers) {
        return handlers::check;
    }

    @Bean
    ApprovalService approvals(JdbcClient jdbc, JsonMapper json, ApprovalHandlers handlers, PlatformTransactionManager transactions,
                              Clock clock, Ids ids) {
        return new ApprovalService(new ApprovalStore(jdbc, json), handlers, new TransactionTemplate(transactions), clock, ids);
    }
}
