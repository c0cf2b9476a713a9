package io.huitong.web.pages.merchant;

import io.huitong.web.error.ErrorResponses;
import io.huitong.web.pages.PageFormText;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's own pieces of the web layer: the {@link Staff} of a request, the gate of roles ({@link MerchantGate}),
 * the check of the forms' text, and the audit of what its users do ({@link MerchantAudit}).
 */
@Configuration(proxyBeanMethods = false)
class MerchantWebConfig implements WebMvcConfigurer {

    private final MerchantSessions sessions;
    private final ErrorResponses errors;

    MerchantWebConfig(MerchantSessions sessions, ErrorResponses errors) {
        this.sessions = sessions;
        this.errors = errors;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Staff.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                return sessions.staff(request.getNativeRequest(HttpServletRequest.class)).orElseThrow(LoginRequired::new);
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new MerchantGate(sessions, errors)).addPathPatterns("/merchant", "/merchant/**");
    }

    /** After the request filter (the request has its id) and before Spring Security, whose CSRF check reads the form. */
    @Bean
    FilterRegistrationBean<PageFormText> merchantFormText() {
        FilterRegistrationBean<PageFormText> registration = new FilterRegistrationBean<>(
                new PageFormText("/merchant", MerchantAccessController.REFUSED, false));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    /** After Spring Security: a form refused for its CSRF token changed nothing and is not recorded. */
    @Bean
    FilterRegistrationBean<MerchantAudit> merchantAudit(PlatformTransactionManager transactions) {
        FilterRegistrationBean<MerchantAudit> registration = new FilterRegistrationBean<>(
                new MerchantAudit(sessions, new TransactionTemplate(transactions)));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 21);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/merchant/*");
        return registration;
    }
}
