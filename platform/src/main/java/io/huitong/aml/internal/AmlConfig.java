package io.huitong.aml.internal;

import io.huitong.aml.domain.AmlRules;
import io.huitong.aml.domain.Rates;
import io.huitong.kernel.Ids;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AmlProperties.class)
class AmlConfig {

    @Bean
    AmlService amlService(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, AmlProperties properties, PlatformTransactionManager transactions, Clock clock, Ids ids) {
        Rates rates = new Rates(properties.rates());
        return new AmlService(new AmlStore(jdbc, batch), new AmlRules(properties.settings(), rates), rates, new TransactionTemplate(transactions),
                clock, ids, properties.dayZone());
    }

    @Bean
    AmlFeed amlFeed(AmlService aml, io.huitong.risk.Risk risk) {
        return new AmlFeed(aml, risk);
    }
}
