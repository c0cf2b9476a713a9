package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import io.huitong.kernel.Ids;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumersProperties.class)
class ConsumersConfig {

    @Bean
    UserAccounts userAccounts(JdbcClient jdbc, PlatformTransactionManager transactions, ConsumersProperties properties, Clock clock,
                              Ids ids, TotpAuthenticator secondFactor, PasswordEncoder passwordHashes) {
        return new UserAccounts(jdbc, passwordHashes, PasswordPolicy.withBundledList(),
                new LoginGuard(jdbc, new TransactionTemplate(transactions), properties.lockout(), properties.addressLockout()), properties, clock, ids, secondFactor);
    }
}
