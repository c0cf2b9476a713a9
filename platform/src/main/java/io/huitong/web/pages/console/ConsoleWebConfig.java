package io.huitong.web.pages.console;

import io.huitong.web.pages.PageFormText;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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

/** The console's own pieces of the web layer: who may open a page, the record of what they change, the {@link Staff} of a request. */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfig implements WebMvcConfigurer {

    private final ConsoleAccess access;
    private final ConsoleSessions sessions;
    private final PlatformTransactionManager transactions;

    ConsoleWebConfig(ConsoleAccess access, ConsoleSessions sessions, PlatformTransactionManager transactions) {
        this.access = access;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // first who may, then the record of what they do
        registry.addInterceptor(new ConsoleGuard(access, sessions)).addPathPatterns("/console", "/console/**");
        registry.addInterceptor(new ConsoleAudit(access, sessions, new TransactionTemplate(transactions)))
                .addPathPatterns("/console", "/console/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Staff.class || parameter.getParameterType() == ConsoleAccess.Permissions.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                Staff staff = sessions.staff(request.getNativeRequest(HttpServletRequest.class)).orElseThrow(ConsoleLoginRequired::new);
                return parameter.getParameterType() == Staff.class ? staff : new ConsoleAccess.Permissions(access, staff);
            }
        });
    }

    /** After the request filter (the request has its id) and before Spring Security, whose CSRF check reads the form. */
    @Bean
    FilterRegistrationBean<PageFormText> consoleFormText() {
        FilterRegistrationBean<PageFormText> registration = new FilterRegistrationBean<>(new PageFormText("/console", ConsoleAccessController.REFUSED, true));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
