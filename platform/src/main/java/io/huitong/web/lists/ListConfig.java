package io.huitong.web.lists;

import io.huitong.kernel.Page;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class ListConfig implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageRequestArgumentResolver());
    }

    /** The API's {@code GET}s refuse a query parameter they do not declare; its other endpoints a body they do not read. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UnknownParameters()).addPathPatterns("/v1/**");
        registry.addInterceptor(new UnknownBodyParameters()).addPathPatterns("/v1/**");
    }

    /** Spring Boot adds every JacksonModule bean to the application's JsonMapper. */
    @Bean
    JacksonModule pageJsonModule() {
        return new SimpleModule("huitong-lists").addSerializer(Page.class, new PageSerializer());
    }
}
