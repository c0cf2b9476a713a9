package io.huitong.events;

import io.huitong.kernel.Ids;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class EventsConfig {

    @Bean
    EventJson eventJson(JsonMapper json) {
        return new EventJson(json);
    }

    @Bean
    JdbcEventLog eventLog(JdbcClient jdbc, javax.sql.DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                          Ids ids, EventJson json, org.springframework.context.ApplicationEventPublisher listeners) {
        return new JdbcEventLog(jdbc, new org.springframework.jdbc.core.JdbcTemplate(dataSource), new TransactionTemplate(transactions),
                clock, ids, json, listeners);
    }

    @Bean
    WebhookUrlPolicy webhookUrlPolicy(WebhookProperties properties) {
        return WebhookUrlPolicy.usingDns(properties.allowedNetworks());
    }

    @Bean
    WebhookSecrets webhookSecrets(io.huitong.vault.Vault vault, JdbcClient jdbc) {
        return new WebhookSecrets(vault, jdbc);
    }

    /** Secrets kept in clear by an earlier version are sealed once the platform has started. */
    @Bean
    org.springframework.boot.ApplicationRunner webhookSecretsSealed(WebhookSecrets secrets) {
        return arguments -> secrets.sealKeptInClear();
    }

    @Bean
    JdbcWebhookEndpoints webhookEndpoints(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Ids ids,
                                          EventJson json, WebhookUrlPolicy urls, WebhookSecrets secrets) {
        return new JdbcWebhookEndpoints(jdbc, new TransactionTemplate(transactions), clock, ids, json, urls, secrets);
    }

    @Bean(destroyMethod = "close")
    WebhookRelay webhookRelay(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, EventJson json,
                              WebhookUrlPolicy urls, WebhookProperties properties, WebhookSecrets secrets) {
        return new WebhookRelay(jdbc, new TransactionTemplate(transactions), clock, json, urls, properties,
                WebhookRelay.httpClient(properties), secrets);
    }
}
