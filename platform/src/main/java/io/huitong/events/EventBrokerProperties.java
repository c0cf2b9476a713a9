package io.huitong.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.rabbitmq.*}: the broker events are published to ({@code HUITONG_RABBITMQ_URL}, such as
 * {@code amqp://user:password@host:5672/vhost}; unset, nothing about RabbitMQ starts), the exchange, how
 * often the outbox is read, how many events go in one batch and how long the broker may take to confirm it.
 */
@ConfigurationProperties("huitong.rabbitmq")
record EventBrokerProperties(String url, String exchange, Duration publishInterval, Integer batchSize, Duration confirmTimeout) {

    EventBrokerProperties {
        exchange = exchange == null || exchange.isBlank() ? "huitong.events" : exchange;
        publishInterval = publishInterval == null ? Duration.ofSeconds(1) : publishInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("huitong.rabbitmq.batch-size must be from 1 to 1000");
        }
    }
}
