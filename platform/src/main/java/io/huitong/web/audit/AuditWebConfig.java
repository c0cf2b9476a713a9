package io.huitong.web.audit;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AuditWebConfig implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditedHandlers());
    }

    /** After the idempotency filter: a replayed request changes nothing and is not recorded again. */
    @Bean
    FilterRegistrationBean<AuditedRequests> auditedRequests(PlatformTransactionManager transactions, JsonMapper json) {
        FilterRegistrationBean<AuditedRequests> registration = new FilterRegistrationBean<>(new AuditedRequests(new TransactionTemplate(transactions), json));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
