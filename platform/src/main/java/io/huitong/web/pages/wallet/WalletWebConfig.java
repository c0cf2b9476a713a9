package io.huitong.web.pages.wallet;

import io.huitong.web.pages.PageFormText;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The wallet pages' own pieces of the web layer: the {@link Payer} of a request, and the check of the forms' text. */
@Configuration(proxyBeanMethods = false)
class WalletWebConfig implements WebMvcConfigurer {

    private final WalletSessions sessions;

    WalletWebConfig(WalletSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Payer.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                return sessions.payer(request.getNativeRequest(HttpServletRequest.class)).orElseThrow(LoginRequired::new);
            }
        });
    }

    /** After the request filter (the request has its id) and before Spring Security, whose CSRF check reads the form. */
    @Bean
    FilterRegistrationBean<PageFormText> walletFormText() {
        FilterRegistrationBean<PageFormText> registration = new FilterRegistrationBean<>(new PageFormText("/wallet", WalletHomeController.REFUSED, false));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
