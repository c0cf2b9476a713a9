package io.huitong.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the PostgreSQL driver that the platform's writes rely on: a batch of inserts
 * ({@code JdbcTemplate.batchUpdate}) is sent as multi-row inserts, so a shared commit's events, risk decisions and
 * AML records cost PostgreSQL one statement each rather than one per row. Other databases are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class PostgresDriverConfig {

    @Bean
    static BeanPostProcessor postgresDriverSettings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && new DatabaseTarget(pool.getJdbcUrl()).kind() == DatabaseTarget.Kind.POSTGRESQL
                        && !pool.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
                    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
                }
                return bean;
            }
        };
    }
}
