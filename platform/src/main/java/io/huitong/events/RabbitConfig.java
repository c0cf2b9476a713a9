package io.huitong.events;

import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Publishing events to RabbitMQ, only when {@code huitong.rabbitmq.url} ({@code HUITONG_RABBITMQ_URL}) is
 * set: otherwise there is no connection factory, no connection attempt and no health indicator.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RabbitConfig.UrlIsSet.class)
@EnableConfigurationProperties(EventBrokerProperties.class)
class RabbitConfig {

    @Bean(destroyMethod = "close")
    RabbitEventPublisher rabbitEventPublisher(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, EventJson json,
                                              EventBrokerProperties properties) {
        return new RabbitEventPublisher(jdbc, new TransactionTemplate(transactions), clock, json, properties,
                connectionFactory(properties.url()));
    }

    /** Recovery is ours (the next run reconnects); amqps verifies the broker's certificate and host name. */
    static ConnectionFactory connectionFactory(String url) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url);
            if ("amqps".equals(URI.create(url).getScheme().toLowerCase(Locale.ROOT))) {
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("TLS is not available to connect to RabbitMQ", e);
        } catch (Exception e) {
            // the message would quote the URL, password included
            throw new IllegalStateException("HUITONG_RABBITMQ_URL is not a valid amqp:// or amqps:// URL");
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(30);
        return factory;
    }

    static final class UrlIsSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("huitong.rabbitmq.url"));
        }
    }
}
