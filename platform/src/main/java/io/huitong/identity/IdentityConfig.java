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
class IdentityConfig {

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
