package io.huitong.config;

import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the platform's schema is migrated, in one place for the platform, its tests and its benchmarks: the migrations
 * under {@code db/migration}, and on PostgreSQL the lock that keeps two starting nodes from migrating at once held by
 * the session rather than by an open transaction, which V85's concurrent index builds would wait for without end.
 */
@Configuration(proxyBeanMethods = false)
public class Migrations {

    /** {@code flyway} set up as the platform migrates. */
    public static FluentConfiguration configure(FluentConfiguration flyway) {
        return flyway.configuration(Map.of("flyway.postgresql.transactional.lock", "false")).locations("classpath:db/migration");
    }

    @Bean
    FlywayConfigurationCustomizer platformMigrations() {
        return Migrations::configure;
    }
}
