package io.huitong.channels;

import io.huitong.channels.iso8583.Iso8583CardChannel;
import io.huitong.channels.iso8583.Iso8583ChannelSettings;
import io.huitong.payments.channel.CardChannels;
import io.huitong.simulator.ChannelInfo;
import io.huitong.simulator.Simulator;
import io.huitong.simulator.SimulatorOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channel wiring: one ISO 8583 connector per card acquirer, from the first source {@link ChannelsProperties}
 * names. With nothing configured, the channel simulator starts in this process on loopback, so that a
 * platform started on its defaults takes payments over the real protocol.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelsProperties.class)
class ChannelsConfig {

    private static final Logger log = LoggerFactory.getLogger(ChannelsConfig.class);

    /** The in-process simulator, when no channel is configured; stopped with the platform. */
    record EmbeddedSimulator(Optional<Simulator> simulator) implements AutoCloseable {

        @Override
        public void close() {
            simulator.ifPresent(Simulator::close);
        }
    }

    @Bean
    EmbeddedSimulator embeddedSimulator(ChannelsProperties properties) {
        if (!properties.card().isEmpty() || hasText(properties.simulatorUrl())) {
            return new EmbeddedSimulator(Optional.empty());
        }
        Simulator simulator = Simulator.start(SimulatorOptions.loopback());
        log.info("No channel configured: the channel simulator runs in this process, control API at {}/control/channels ({})",
                simulator.controlUrl(), simulator.channels().stream().map(c -> c.name() + " " + (c.url() != null ? c.url() : c.host() + ":" + c.port())).toList());
        return new EmbeddedSimulator(Optional.of(simulator));
    }

    @Bean(destroyMethod = "close")
    CardConnectors cardConnectors(ChannelsProperties properties, EmbeddedSimulator embedded, JsonMapper json, Clock clock,
                                  ObjectProvider<MeterRegistry> registry) {
        List<ChannelsProperties.Acquirer> acquirers;
        if (!properties.card().isEmpty()) {
            acquirers = properties.card();
        } else if (hasText(properties.simulatorUrl())) {
            acquirers = new SimulatorDirectory(json, properties.connectTimeout()).cardAcquirers(properties.simulatorUrl());
            log.info("Card channels from the simulator at {}: {}", properties.simulatorUrl(), describe(acquirers));
        } else {
            acquirers = embedded.simulator().orElseThrow().channels().stream().filter(c -> c.protocol().equals("iso8583"))
                    .map((ChannelInfo c) -> new ChannelsProperties.Acquirer(c.name(), c.host(), c.port())).toList();
        }
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        ChannelsProperties.Breaker breaker = properties.breaker();
        return new CardConnectors(acquirers.stream().map(a -> new Iso8583CardChannel(a.name(),
                new Iso8583ChannelSettings(a.host(), a.port(), properties.connectTimeout(), properties.replyTimeout(),
                        breaker.window(), breaker.minimumCalls(), breaker.failureRate(), breaker.openFor()), clock, meters))
                .toList());
    }

    @Bean
    CardChannels cardChannels(CardConnectors connectors) {
        return new ConfiguredCardChannels(connectors.channels());
    }

    /** Card acquirers first (in the order payments prefer them), then every other connector bean, each once. */
    @Bean
    Channels channels(CardConnectors connectors, ObjectProvider<Connector> others) {
        return () -> java.util.stream.Stream.concat(connectors.channels().stream(), others.orderedStream()).distinct()
                .map(Connector::status).toList();
    }

    /** The connectors, closed (their connections) when the platform stops. */
    record CardConnectors(List<Iso8583CardChannel> channels) implements AutoCloseable {

        @Override
        public void close() {
            channels.forEach(Iso8583CardChannel::close);
        }
    }

    private static List<String> describe(List<ChannelsProperties.Acquirer> acquirers) {
        return acquirers.stream().map(a -> a.name() + " " + a.host() + ":" + a.port()).toList();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
