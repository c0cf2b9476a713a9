package io.huitong.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.huitong.kernel.ClusterSingleton;
import io.huitong.kernel.DbTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay to RabbitMQ: publishes committed, unpublished events to the durable topic exchange
 * ({@code huitong.events}) with the event type as routing key and the webhook's JSON as body, waits for
 * the broker's publisher confirms, and only then marks the events published, in the transaction that
 * locked them ({@code FOR UPDATE SKIP LOCKED}, so instances publish disjoint batches).
 *
 * <p>At-least-once: a crash between the broker's confirm and the commit publishes the batch again.
 * Consumers deduplicate by the message id, which is the event id. Events recorded while no broker was
 * configured are published once one is.
 */
final class RabbitEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RabbitEventPublisher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EventJson json;
    private final EventBrokerProperties properties;
    private final ConnectionFactory factory;
    private Connection connection;
    private Channel channel;
    /** Whether the last run failed: an outage is logged when it starts and when it ends, not every second. */
    private volatile boolean failing;

    RabbitEventPublisher(JdbcClient jdbc, TransactionTemplate tx, Clock clock, EventJson json, EventBrokerProperties properties,
                         ConnectionFactory factory) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.json = json;
        this.properties = properties;
        this.factory = factory;
    }

    @Scheduled(fixedDelayString = "${huitong.rabbitmq.publish-interval:1s}", initialDelayString = "${huitong.rabbitmq.publish-interval:1s}")
    @ClusterSingleton("rabbitmq-publisher")
    void poll() {
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == properties.batchSize());
            if (failing) {
                failing = false;
                log.info("Publishing events to RabbitMQ at {}:{} works again", factory.getHost(), factory.getPort());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Publishing events to RabbitMQ at {}:{} failed; retrying every {} until it works: {}",
                        factory.getHost(), factory.getPort(), properties.publishInterval(), describe(e));
            } else {
                log.debug("Publishing events to RabbitMQ still fails: {}", describe(e));
            }
            failing = true;
            close();
        }
    }

    /** Publishes the oldest unpublished events, at most a batch; returns how many. */
    synchronized int publishBatch() {
        Integer published = tx.execute(s -> {
            List<Row> rows = jdbc.sql("select id, merchant_id, type, data, created_at from event where published_at is null"
                            + " order by id limit ? for update skip locked")
                    .param(properties.batchSize())
                    .query((rs, n) -> new Row(rs.getString(2), json.event(rs.getString(1), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant())))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            publish(rows);
            return jdbc.sql("update event set published_at = :now where id in (:ids)")
                    .param("now", DbTimes.at(DbTimes.now(clock)))
                    .param("ids", rows.stream().map(r -> r.event().id()).toList())
                    .update();
        });
        return published == null ? 0 : published;
    }

    private void publish(List<Row> rows) {
        try {
            Channel ch = channel();
            for (Row row : rows) {
                Event event = row.event();
                AMQP.BasicProperties message = new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .contentEncoding("utf-8")
                        .deliveryMode(2)
                        .messageId(event.id())
                        .type(event.type())
                        .timestamp(Date.from(event.createdAt()))
                        .headers(Map.of("merchant_id", row.merchantId()))
                        .build();
                ch.basicPublish(properties.exchange(), event.type(), message, json.body(event).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
        } catch (IOException | TimeoutException e) {
            throw new BrokerUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable(e);
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (connection == null || !connection.isOpen()) {
            connection = factory.newConnection("huitong-events");
            log.info("Connected to RabbitMQ at {}:{}; publishing events to exchange {}", factory.getHost(), factory.getPort(),
                    properties.exchange());
        }
        Channel opened = connection.createChannel();
        opened.exchangeDeclare(properties.exchange(), BuiltinExchangeType.TOPIC, true);
        opened.confirmSelect();
        channel = opened;
        return channel;
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(2_000);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the RabbitMQ connection failed: {}", e.toString());
        } finally {
            connection = null;
            channel = null;
        }
    }

    /** The broker's own words, which never include the URL's password. */
    private static String describe(Throwable e) {
        Throwable cause = e instanceof BrokerUnavailable && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private record Row(String merchantId, Event event) {
    }

    /** The broker could not be reached or did not confirm; the batch stays unpublished. */
    static final class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(Throwable cause) {
            super("RabbitMQ unavailable", cause, false, false);
        }
    }
}
