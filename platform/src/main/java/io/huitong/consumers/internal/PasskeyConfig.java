package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import io.huitong.kernel.Ids;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasskeyProperties.class)
class PasskeyConfig {

    @Bean
    PasskeyCeremonies passkeyCeremonies(JdbcClient jdbc, PlatformTransactionManager transactions, UserAccounts accounts,
                                        ConsumersProperties consumers, PasskeyProperties properties,
                                        @Value("${huitong.payments.public-url:}") String publicUrl, Clock clock, Ids ids) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new PasskeyCeremonies(jdbc, accounts, new LoginGuard(jdbc, tx, consumers.addressLockout()), properties,
                origins(properties, publicUrl), clock, ids);
    }

    /** The configured origins, or else the local one and the platform's public URL. */
    static Set<String> origins(PasskeyProperties properties, String publicUrl) {
        if (!properties.origins().isEmpty()) {
            return Set.copyOf(properties.origins());
        }
        Set<String> origins = new LinkedHashSet<>();
        origins.add("http://localhost:8080");
        if (publicUrl != null && !publicUrl.isBlank()) {
            java.net.URI uri = java.net.URI.create(publicUrl.strip());
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
            }
        }
        return origins;
    }
}
