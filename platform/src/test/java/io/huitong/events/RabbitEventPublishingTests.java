package io.huitong.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events reach RabbitMQ through the outbox: the platform runs with {@code HUITONG_RABBITMQ_URL} set
 * against a real broker ({@code HUITONG_TEST_RABBITMQ_URL}, default the local one). Skipped when no
 * broker is reachable, except with {@code CI=true}, where that is a failure.
 */
class RabbitEventPublishingTests extends ApiTestSupport {

    static final String BROKER = System.getenv().getOrDefault("HUITONG_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672");
    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.rabbitmq.url", () -> BROKER);
        registry.add("huitong.rabbitmq.publish-interval", () -> "100ms");
    }

    @BeforeAll
    static void requireBroker() {
        try (Connection ignored = factory().newConnection()) {
            // reachable
        } catch (Exception e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and RabbitMQ is not reachable: the broker tests must run in CI", e);
            }
            Assumptions.abort("RabbitMQ not reachable; skipping the broker tests: " + e);
        }
    }

    private static ConnectionFactory factory() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        factory.setConnectionTimeout(2_000);
        return factory;
    }

    @Autowired
    EventLog eventLog;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    record PaymentView(String id, String object, long amountReceived) {
    }

    @Test
    void everyEventIsPublishedToTheTopicExchangeWithItsTypeAsRoutingKey() throws Exception {
        try (Connection connection = factory().newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("huitong.events", BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "huitong.events", "payment.succeeded");

            TransactionTemplate tx = new TransactionTemplate(transactions);
            String payment = tx.execute(s -> eventLog.record("mer_rabbit", "payment.succeeded", new PaymentView("pay_9", "payment", 700)));
            String refund = tx.execute(s -> eventLog.record("mer_rabbit", "refund.failed", new PaymentView("re_9", "refund", 0)));

            GetResponse message = await(() -> channel.basicGet(queue, true));
            assertThat(message.getEnvelope().getExchange()).isEqualTo("huitong.events");
            assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("payment.succeeded");
            assertThat(message.getProps().getMessageId()).isEqualTo(payment);
            assertThat(message.getProps().getContentType()).isEqualTo("application/json");
            assertThat(message.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
            JsonNode body = JsonMapper.builder().build().readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            assertThat(body.path("id").asString()).isEqualTo(payment);
            assertThat(body.path("object").asString()).isEqualTo("event");
            assertThat(body.path("type").asString()).isEqualTo("payment.succeeded");
            assertThat(body.path("data").path("object").path("amount_received").asLong()).isEqualTo(700);

            // both are marked published once the broker confirmed them; the refund went to no queue bound here
            await(() -> jdbc.sql("select count(*) from event where id in (?, ?) and published_at is not null").params(payment, refund)
                    .query(Long.class).single() == 2 ? Boolean.TRUE : null);
            assertThat(channel.basicGet(queue, true)).isNull();
        }
    }

    @FunctionalInterface
    interface Poll<T> {
        T get() throws Exception;
    }

    private static <T> T await(Poll<T> poll) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            T value = poll.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing arrived within 10 s");
    }
}
