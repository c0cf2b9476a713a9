package io.huitong.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChannelHealthMetersTest {

    private static final class FakeConnector implements Connector {

        final String name;
        final AtomicReference<String> health = new AtomicReference<>("up");

        FakeConnector(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ChannelStatus status() {
            String breaker = health.get().equals("down") ? "open" : "closed";
            return new ChannelStatus(name, "card", "iso8583", "127.0.0.1", 1, breaker, health.get(),
                    new ChannelWindow.Snapshot(0, 0, 0, null, null, null));
        }
    }

    @Test
    void aGaugePerChannelReadsOneWhileItsBreakerKeepsBusinessAway() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FakeConnector a = new FakeConnector("acq_a");
        FakeConnector b = new FakeConnector("acq_b");

        ChannelHealthMeters.register(registry, List.of(a, b));
        a.health.set("down");
        b.health.set("degraded");

        assertThat(registry.get(ChannelHealthMeters.BREAKER_OPEN).tag("channel", "acq_a").gauge().value()).isEqualTo(1);
        assertThat(registry.get(ChannelHealthMeters.BREAKER_OPEN).tag("channel", "acq_b").gauge().value()).isZero();

        a.health.set("up");
        assertThat(registry.get(ChannelHealthMeters.BREAKER_OPEN).tag("channel", "acq_a").gauge().value()).isZero();
    }
}
