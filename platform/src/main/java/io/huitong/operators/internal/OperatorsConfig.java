package io.huitong.operators.internal;

import io.huitong.identity.LoginGuard;
import io.huitong.kernel.Ids;
import io.huitong.vault.Vault;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorsProperties.class)
class OperatorsConfig {

    @Bean
    OperatorLogins operatorLogins(JdbcClient jdbc, PlatformTransactionManager transactions, Vault vault, OperatorsProperties properties,
                                  Clock clock, Ids ids, PasswordEncoder passwordHashes) {
        return new OperatorLogins(jdbc, passwordHashes, new LoginGuard(jdbc, new TransactionTemplate(transactions), properties.lockout(),
                properties.addressLockout()), vault, properties, clock, ids);
    }

    @Bean
    OperatorAccounts operatorAccounts(JdbcClient jdbc, OperatorLogins logins, Clock clock, Ids ids, PasswordEncoder passwordHashes) {
        return new OperatorAccounts(jdbc, passwordHashes, logins, clock, ids);
    }
}
