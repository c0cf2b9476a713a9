package io.huitong.risk.internal;

import io.huitong.kernel.Ids;
import io.huitong.risk.ReviewedMovements;
import io.huitong.risk.domain.InMemoryVelocityStore;
import io.huitong.risk.domain.Places;
import io.huitong.risk.domain.RiskEngine;
import io.huitong.risk.domain.VelocityStore;
import io.huitong.risk.model.FraudModel;
import io.huitong.vault.Vault;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Risk wiring. Velocity lives in this process unless {@code huitong.redis.url} ({@code HUITONG_REDIS_URL}) names
 * a Redis server that several platform instances share. The fraud model is used when a {@link FraudModel} bean
 * exists; without one the score comes from the rules alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RiskProperties.class)
class RiskConfig {

    @Bean
    VelocityStore velocityStore(RiskProperties properties, Environment environment) {
        String redis = environment.getProperty("huitong.redis.url", "");
        if (!redis.isBlank()) {
            return new RedisVelocityStore(redis, environment.getProperty("huitong.risk.redis-prefix", "huitong:risk:"));
        }
        return new InMemoryVelocityStore(properties.maxVelocityKeys());
    }

    @Bean
    RiskService riskService(DataSource dataSource, VelocityStore velocity, ObjectProvider<FraudModel> model, RiskProperties properties,
                            Vault vault, PlatformTransactionManager transactions, Clock clock, Ids ids,
                            ObjectProvider<ReviewedMovements> reviewed) {
        // the model bean, looked up once (on the first decision, when every bean exists), not on every decision
        java.util.function.Supplier<FraudModel> once = new java.util.function.Supplier<>() {
            private volatile java.util.Optional<FraudModel> found;

            @Override
            public FraudModel get() {
                java.util.Optional<FraudModel> f = found;
                if (f == null) {
                    f = java.util.Optional.ofNullable(model.getIfAvailable());
                    found = f;
                }
                return f.orElse(null);
            }
        };
        RiskEngine engine = new RiskEngine(velocity, once, new Places(properties.ipCountries(), properties.cardCountries()));
        return new RiskService(engine, new RiskStore(JdbcClient.create(dataSource), new org.springframework.jdbc.core.JdbcTemplate(dataSource)), vault, new TransactionTemplate(transactions), clock, ids,
                properties, () -> reviewed.orderedStream().toList());
    }
}
