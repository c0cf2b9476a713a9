package io.huitong.web.idempotency;

import io.huitong.vault.Vault;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfig {

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc, Clock clock, IdempotencyProperties properties) {
        return new IdempotencyStore(jdbc, clock, properties);
    }

    @Bean
    RequestFingerprint requestFingerprint(Vault vault) {
        return new RequestFingerprint(vault);
    }

    @Bean(destroyMethod = "close")
    LeaseKeeper idempotencyLeaseKeeper(IdempotencyStore store, IdempotencyProperties properties) {
        return new LeaseKeeper(store, properties.lease());
    }

    /** Right after Spring Security's filter chain: the caller is known, the handler has not run yet. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, RequestFingerprint fingerprints,
                                                                LeaseKeeper leases, ErrorResponses errors) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, fingerprints, leases, errors));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyStore store, Clock clock) {
        return new IdempotencyPurge(store, clock);
    }
}
