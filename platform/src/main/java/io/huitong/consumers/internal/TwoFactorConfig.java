package io.huitong.consumers.internal;

import io.huitong.consumers.IdentityCheck;
import io.huitong.kernel.Ids;
import io.huitong.vault.Vault;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Consumers' second factor, QR login and real-name verification. */
@Configuration(proxyBeanMethods = false)
class TwoFactorConfig {

    @Bean
    TotpAuthenticator totpAuthenticator(JdbcClient jdbc, PlatformTransactionManager transactions, Vault vault, Clock clock, Ids ids) {
        return new TotpAuthenticator(jdbc, new TransactionTemplate(transactions), vault, clock, ids);
    }

    @Bean
    LoginQrCodes loginQrCodes(JdbcClient jdbc, PlatformTransactionManager transactions, UserAccounts accounts, Clock clock, Ids ids) {
        return new LoginQrCodes(jdbc, new TransactionTemplate(transactions), accounts, clock, ids);
    }

    /** Checks identities against a real identity service only when the deployment declares an {@link IdentityCheck}. */
    @Bean
    RealNameRegistry realNameRegistry(JdbcClient jdbc, Vault vault, Clock clock, ObjectProvider<IdentityCheck> check) {
        return new RealNameRegistry(jdbc, vault, clock, check.getIfAvailable());
    }
}
