package io.huitong.insights.internal;

import io.huitong.insights.MerchantInsights;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InsightsProperties.class)
class InsightsConfig {

    /** Rows of an export come from the database this many at a time. */
    static final int EXPORT_FETCH_SIZE = 500;

    @Bean
    HourlyRollup insightsRollup(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                                InsightsProperties properties) {
        return new HourlyRollup(jdbc, new JdbcTemplate(dataSource), new TransactionTemplate(transactions), clock, properties.rollupLag());
    }

    @Bean
    MerchantInsights merchantInsights(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions, HourlyRollup rollup,
                                      Clock clock) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(EXPORT_FETCH_SIZE);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        return new JdbcMerchantInsights(new HourlyFigures(jdbc, rollup), new PaymentReads(jdbc, streaming, readOnly), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "huitong.insights.rollup-automatic", havingValue = "true", matchIfMissing = true)
    RollupScheduler insightsRollupScheduler(HourlyRollup rollup, InsightsProperties properties) {
        return new RollupScheduler(rollup, properties);
    }
}
