package io.huitong.merchantusers.internal;

import io.huitong.identity.LoginGuard;
import io.huitong.identity.Merchants;
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
@EnableConfigurationProperties(MerchantUsersProperties.class)
class MerchantUsersConfig {

    @Bean
    MerchantUserLogins merchantUserLogins(JdbcClient jdbc, PlatformTransactionManager transactions, Vault vault, Merchants merchants,
                                          MerchantUsersProperties properties, Clock clock, Ids ids, PasswordEncoder passwordHashes) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new MerchantUserLogins(jdbc, passwordHashes, new LoginGuard(jdbc, tx, properties.lockout(),
                properties.addressLockout()), vault, merchants, properties, clock, ids);
    }

    @Bean
    MerchantUserAccounts merchantUserAccounts(JdbcClient jdbc, PlatformTransactionManager transactions, MerchantUserLogins logins,
                                              Merchants merchants, MerchantUsersProperties properties, Clock clock, Ids ids) {
        return new MerchantUserAccounts(jdbc, new TransactionTemplate(transactions), logins, merchants, properties, clock, ids);
    }
}
