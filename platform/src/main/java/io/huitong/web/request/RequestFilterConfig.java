package io.huitong.web.request;

import io.huitong.kernel.Ids;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the request filter ahead of everything else, Spring Security included. */
@Configuration(proxyBeanMethods = false)
class RequestFilterConfig {

    /** Ahead of everything else, so that whatever answers a request gives it an id, and its body is read once. */
    @Bean
    FilterRegistrationBean<RequestFilter> requestFilter(Ids ids, ErrorResponses errors) {
        FilterRegistrationBean<RequestFilter> registration = new FilterRegistrationBean<>(new RequestFilter(ids, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }
}
