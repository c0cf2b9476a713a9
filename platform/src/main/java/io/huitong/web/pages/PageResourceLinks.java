package io.huitong.web.pages;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The pages' links to scripts and styles name the WebJar's version ({@code ResourceUrlEncodingFilter}, as Spring Boot
 * would register it for Thymeleaf), so a browser fetches a new version as soon as it ships. The API and the actuator
 * render no links: their requests pass by without the filter's request and response wrappers.
 */
@Configuration(proxyBeanMethods = false)
class PageResourceLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new PagesOnly());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /** True for a request to the API or the actuator, which answer JSON or plain text and never a page. */
    static boolean rendersNoLinks(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/v1/") || path.startsWith("/actuator/");
    }

    private static final class PagesOnly extends ResourceUrlEncodingFilter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws ServletException, IOException {
            if (request instanceof HttpServletRequest http && rendersNoLinks(http)) {
                chain.doFilter(request, response);
                return;
            }
            super.doFilter(request, response, chain);
        }
    }
}
