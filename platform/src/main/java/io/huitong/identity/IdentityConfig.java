package io.huitong.identity;

import io.huitong.kernel.Ids;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(PasswordHashing.class)
class IdentityConfig {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdentityConfig.class);

    /** The passwords of consumers, operators and merchants' staff: Argon2id at the configured cost ({@link PasswordHashing}). */
    @Bean
    org.springframework.security.crypto.password.PasswordEncoder passwordHashes(PasswordHashing hashing) {
        if (hashing.weak()) {
            log.warn("Passwords are hashed below the recommended cost (Argon2id, {} KiB, {} passes): fit for tests, not for production",
                    hashing.memoryKib(), hashing.iterations());
        }
        return hashing.encoder();
    }

    // JdbcClient depends on the Flyway migration, so the operator_key table exists by now.
    @Bean
    OperatorKeys operatorKeys(JdbcClient jdbc, Clock clock, @Value("${huitong.admin-key:}") String adminKey) {
        return OperatorKeys.load(new OperatorKeyStore(jdbc, clock), adminKey);
    }

    @Bean
    MerchantRegistry merchants(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Ids ids) {
        return new MerchantRegistry(jdbc, new TransactionTemplate(transactions), clock, ids);
    }
}
