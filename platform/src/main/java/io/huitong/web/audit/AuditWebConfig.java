package io.huitong.web.audit;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AuditWebConfig {

    /** After the idempotency filter: a replayed request changes nothing and is not recorded again. */
    @Bean
    FilterRegistrationBean<OperatorActions> operatorActions(PlatformTransactionManager transactions, JsonMapper json) {
        FilterRegistrationBean<OperatorActions> registration = new FilterRegistrationBean<>(new OperatorActions(new TransactionTemplate(transactions), json));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
