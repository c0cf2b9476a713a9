package io.huitong.channels;

import io.huitong.channels.iso20022.BankChannelSettings;
import io.huitong.channels.iso20022.Iso20022BankChannel;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.simulator.BankAccounts;
import io.huitong.simulator.Simulator;
import io.huitong.wallets.PayoutReturns;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bank-transfer connector ({@link Iso20022BankChannel}), from the first source that names a bank: a
 * configured {@code huitong.channels.bank.url}, the {@code iso20022} party of the simulator at
 * {@code huitong.channels.simulator-url}, or the in-process simulator's {@code bank}. With card acquirers
 * configured one by one and no bank URL, there is no bank connector.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BankChannelProperties.class)
class BankChannelConfig {

    private static final Logger log = LoggerFactory.getLogger(BankChannelConfig.class);

    /** Wallet withdrawals go out as the bank's payouts. */
    @Bean
    @Conditional(BankSource.class)
    io.huitong.wallets.BankPayouts bankPayouts(Iso20022BankChannel bank) {
        return new io.huitong.channels.iso20022.BankPayoutsConnector(bank);
    }

    @Bean(destroyMethod = "close")
    @Conditional(BankSource.class)
    Iso20022BankChannel bankChannel(BankChannelProperties bank, ChannelsProperties channels, ChannelsConfig.EmbeddedSimulator embedded,
                                    JsonMapper json, Clock clock, ObjectProvider<MeterRegistry> registry,
                                    ObjectProvider<OrderNotifications> notifications, ObjectProvider<PayoutReturns> returns,
                                    Environment environment) {
        URI url;
        String key;
        BankAccount settlement;
        if (hasText(bank.url())) {
            url = URI.create(bank.url());
            key = bank.signingKey();
            if (!hasText(key)) {
                throw new IllegalStateException("huitong.channels.bank.signing-key (HUITONG_CHANNELS_BANK_SIGNING_KEY) is required with a bank URL");
            }
            settlement = account(bank.settlementAccount());
            if (settlement == null) {
                throw new IllegalStateException("huitong.channels.bank.settlement-account.number (HUITONG_CHANNELS_BANK_SETTLEMENT_ACCOUNT_NUMBER) "
                        + "is required with a bank URL");
            }
            log.info("Bank channel {} at {}", bank.name(), url);
        } else if (hasText(channels.simulatorUrl())) {
            url = URI.create(new SimulatorDirectory(json, channels.connectTimeout()).httpPartyUrl(channels.simulatorUrl(), "iso20022"));
            key = bank.signingKey();
            if (!hasText(key)) {
                log.warn("No huitong.channels.bank.signing-key: the simulator's status pushes will be refused; give the platform and the "
                        + "simulator the same key (HUITONG_CHANNELS_BANK_SIGNING_KEY, HUITONG_SIM_BANK_SIGNING_KEY)");
                key = java.util.UUID.randomUUID().toString();
            }
            settlement = account(bank.settlementAccount()) != null ? account(bank.settlementAccount()) : BankAccounts.SETTLEMENT;
            log.info("Bank channel {} from the simulator at {}: {}", bank.name(), channels.simulatorUrl(), url);
        } else {
            Simulator simulator = embedded.simulator().orElseThrow(() -> new IllegalStateException("no bank URL and no simulator"));
            url = URI.create(simulator.channel(Simulator.BANK).url());
            key = simulator.bankSigningKey();
            settlement = BankAccounts.SETTLEMENT;
        }
        ChannelsProperties.Breaker breaker = channels.breaker();
        BankChannelSettings settings = new BankChannelSettings(url, settlement, key, channels.connectTimeout(), channels.replyTimeout(),
                java.time.Duration.ofMinutes(5), breaker.window(), breaker.minimumCalls(), breaker.failureRate(), breaker.openFor(),
                channels.retry().policy());
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        // payments' side of notifications is looked up when the first one arrives
        OrderNotifications lazy = (channel, reference, status) -> notifications.getObject().notify(channel, reference, status);
        // the owners of payouts too, when a return arrives; the bank is told where to push returns with each pain.001
        return new Iso20022BankChannel(bank.name(), settings, lazy, clock, meters, () -> notifyUrl(environment, bank.name()),
                () -> returns.orderedStream().toList());
    }

    /**
     * Where the bank pushes to us: {@code huitong.payments.public-url} (as payments tells channels), or this instance's own
     * port on localhost once the server has one; null before.
     */
    static String notifyUrl(Environment environment, String channel) {
        String base = environment.getProperty("huitong.payments.public-url");
        if (!hasText(base)) {
            String port = environment.getProperty("local.server.port");
            if (port == null) {
                return null;
            }
            base = (environment.getProperty("huitong.tls.enabled", Boolean.class, false) ? "https" : "http") + "://localhost:" + port;
        }
        return base.replaceAll("/+$", "") + "/notify/" + channel;
    }

    private static BankAccount account(BankChannelProperties.Account a) {
        return a == null || !hasText(a.number()) ? null : new BankAccount(a.bankCode(), a.number(), a.name());
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /** A bank is there: configured, in a running simulator, or in the in-process one (no card acquirer configured). */
    static final class BankSource implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            if (hasText(env.getProperty("huitong.channels.bank.url")) || hasText(env.getProperty("huitong.channels.simulator-url"))) {
                return true;
            }
            return Binder.get(env).bind("huitong.channels.card", Bindable.listOf(ChannelsProperties.Acquirer.class))
                    .map(List::isEmpty).orElse(true);
        }
    }
}
