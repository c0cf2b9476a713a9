package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import io.huitong.consumers.IdentityCheck;
import io.huitong.kernel.Ids;
import io.huitong.vault.Vault;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Consumers' second factor, QR login and real-name verification. */
@Configuration(proxyBeanMethods = false)
class TwoFactorConfig {

    @Bean
    TotpAuthenticator totpAuthenticator(JdbcClient jdbc, PlatformTransactionManager transactions, Vault vault, Clock clock, Ids ids,
                                        ConsumersProperties properties) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new TotpAuthenticator(jdbc, tx, vault, clock, ids, new LoginGuard(jdbc, tx, properties.lockout()));
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

    /** Verifications stored before their ID numbers were fingerprinted get their fingerprints once the platform is up. */
    @Bean
    ApplicationRunner fingerprintEarlierVerifications(RealNameRegistry registry) {
        return args -> registry.fingerprintEarlier();
    }
}
