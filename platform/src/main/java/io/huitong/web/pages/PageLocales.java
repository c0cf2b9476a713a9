package io.huitong.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: Chinese or English, as the browser asks ({@code Accept-Language}) until the payer picks one
 * with {@code ?lang=zh} or {@code ?lang=en}, which a cookie then keeps. Anything else falls back to English.
 */
@Configuration(proxyBeanMethods = false)
class PageLocales implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, CHINESE);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("huitong_lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(PageLocales::fromBrowser);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                return supported(value);
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns(PageSecurityConfig.PAGES);
    }

    /** The first language of the browser's list that the pages are written in, else English. */
    static Locale fromBrowser(HttpServletRequest request) {
        for (Locale asked : Collections.list(request.getLocales())) {
            Locale found = supported(asked.getLanguage());
            if (found != null) {
                return found;
            }
        }
        return Locale.ENGLISH;
    }

    /** {@code zh}, {@code zh-CN}, {@code zh_Hans} → Chinese; {@code en...} → English; anything else: none. */
    static Locale supported(String value) {
        if (value == null) {
            return null;
        }
        String language = value.strip().toLowerCase(Locale.ROOT);
        if (language.startsWith("zh")) {
            return CHINESE;
        }
        return language.startsWith("en") ? Locale.ENGLISH : null;
    }
}
