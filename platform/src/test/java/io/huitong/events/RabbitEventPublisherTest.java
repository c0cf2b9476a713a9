package io.huitong.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RabbitMQ outbox relay when the broker is not there, and its configuration: nothing is lost, no password is shown. */
class RabbitEventPublisherTest {

    @Test
    void withoutABrokerEventsStayUnpublishedAndNothingFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (TestDb db = TestDatabases.h2().migrated(); EventsFixture fx = new EventsFixture(db)) {
            EventBrokerProperties properties = new EventBrokerProperties("amqp://guest:guest@127.0.0.1:" + closedPort, null, null, null, null);
            RabbitEventPublisher publisher = new RabbitEventPublisher(fx.jdbc, fx.tx, fx.clock, fx.json, properties,
                    RabbitConfig.connectionFactory(properties.url()));
            String id = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, Map.of("id", "pay_1"));

            assertThatThrownBy(publisher::publishBatch).isInstanceOf(RabbitEventPublisher.BrokerUnavailable.class);
            publisher.poll();
            publisher.close();

            assertThat(fx.jdbc.sql("select count(*) from event where id = ? and published_at is null").param(id).query(Long.class).single())
                    .as("still waiting to be published").isEqualTo(1);
        }
    }

    @Test
    void aBadBrokerUrlStopsStartUpWithoutQuotingItsPassword() {
        assertThatThrownBy(() -> RabbitConfig.connectionFactory("amqp://user:s3cret@127.0.0.1:5672/%zz"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUITONG_RABBITMQ_URL")
                .hasMessageNotContaining("s3cret")
                .hasNoCause();
        assertThat(RabbitConfig.connectionFactory("amqp://user:s3cret@broker.internal:5673/payments").getVirtualHost()).isEqualTo("payments");
    }
}
