package io.huitong.channels;

import io.huitong.channels.iso8583.Iso8583CardChannel;
import io.huitong.channels.iso8583.Iso8583ChannelSettings;
import io.huitong.channels.routing.RouteScorer;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.CardChannels;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderChannels;
import io.huitong.simulator.ChannelInfo;
import io.huitong.simulator.Simulator;
import io.huitong.simulator.SimulatorOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channel wiring: one ISO 8583 connector per card acquirer, from the first source {@link ChannelsProperties}
 * names. With nothing configured, the channel simulator starts in this process on loopback, so that a
 * platform started on its defaults takes payments over the real protocol. Payments reach the card
 * connectors, and the order channels other modules provide as {@link OrderChannel} beans, through routing
 * ({@link io.huitong.channels.routing}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ChannelsProperties.class, RoutingProperties.class})
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
        ChannelRetry retry = properties.retry().policy();
        return new CardConnectors(acquirers.stream().map(a -> new Iso8583CardChannel(a.name(),
                new Iso8583ChannelSettings(a.host(), a.port(), properties.connectTimeout(), properties.replyTimeout(),
                        breaker.window(), breaker.minimumCalls(), breaker.failureRate(), breaker.openFor(), retry), clock, meters))
                .toList());
    }

    /** The order channels, in the order Spring has them; none is fine. */
    record OrderConnectors(List<OrderChannel> channels) {
    }

    /** Card acquirers first (in the order payments prefer them), then every other connector bean, each once. */
    @Bean
    OrderConnectors orderConnectors(ObjectProvider<OrderChannel> channels) {
        return new OrderConnectors(channels.orderedStream().toList());
    }

    @Bean
    RoutingRules routingRules(CardConnectors cards, OrderConnectors orders, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
                              RoutingProperties properties) {
        Map<String, List<String>> connectors = new LinkedHashMap<>();
        cards.channels().forEach(c -> connectors.put(c.name(), List.of("card")));
        for (OrderChannel o : orders.channels()) {
            if (connectors.containsKey(o.name())) {
                throw new IllegalStateException("two channels are named " + o.name());
            }
            connectors.put(o.name(), List.of(o.method()));
        }
        return new RoutingRules(new RoutingStore(jdbc, tx), connectors, clock, properties.reloadInterval());
    }

    @Bean
    CardChannels cardChannels(CardConnectors connectors, RoutingRules rules, RoutingProperties properties) {
        return new RoutedCardChannels(new RoutedChannels<CardChannel>(connectors.channels(), CardChannel::name,
                c -> (Connector) c, rules, new RouteScorer(properties.weights()), properties.windowAge()));
    }

    @Bean
    OrderChannels orderChannels(OrderConnectors connectors, RoutingRules rules, RoutingProperties properties) {
        return new RoutedOrderChannels(new RoutedChannels<>(connectors.channels(), OrderChannel::name,
                c -> c instanceof Connector connector ? connector : null, rules, new RouteScorer(properties.weights()),
                properties.windowAge()));
    }

    @Bean
    Channels channels(CardConnectors connectors, OrderConnectors orders) {
        return new Channels() {
            @Override
            public List<ChannelStatus> status() {
                List<ChannelStatus> all = new java.util.ArrayList<>(connectors.channels().stream().map(Iso8583CardChannel::status).toList());
                orders.channels().stream().filter(o -> o instanceof Connector).map(o -> ((Connector) o).status()).forEach(all::add);
                return all;
            }

            @Override
            public java.util.Optional<String> accountAt(String channel) {
                return orders.channels().stream().filter(o -> o instanceof io.huitong.channels.iso20022.Iso20022BankChannel b
                                && b.name().equals(channel))
                        .map(o -> ((io.huitong.channels.iso20022.Iso20022BankChannel) o).settlementAccount().number()).findFirst();
            }
        };
    }

    /** Each channel's breaker as a gauge ({@link ChannelHealthMeters}). */
    @Bean
    ApplicationRunner channelHealthMeters(CardConnectors cards, OrderConnectors orders, ObjectProvider<MeterRegistry> registry) {
        return args -> registry.ifAvailable(meters -> {
            List<Connector> all = new java.util.ArrayList<>(cards.channels());
            orders.channels().stream().filter(o -> o instanceof Connector).map(o -> (Connector) o).forEach(all::add);
            ChannelHealthMeters.register(meters, all);
        });
    }

    /** Sends an echo to every channel whose breaker is open, so that one back up is tried again soon; stopped first. */
    @Bean(destroyMethod = "close")
    ChannelProber channelProber(CardConnectors cards, OrderConnectors orders, ChannelsProperties properties) {
        List<Connector> all = new java.util.ArrayList<>(cards.channels());
        orders.channels().stream().filter(o -> o instanceof Connector).map(o -> (Connector) o).forEach(all::add);
        return new ChannelProber(all, properties.probe().interval(), properties.probe().timeout()).start();
    }

    /** The connectors that receive notifications, by channel name. */
    @Bean
    NotificationReceivers notificationReceivers(ObjectProvider<NotificationReceiver> receivers) {
        return new NotificationReceivers(receivers.orderedStream().toList());
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
