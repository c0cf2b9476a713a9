package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.identity.Merchants;
import io.huitong.kernel.Ids;
import io.huitong.ledger.Ledger;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.simulator.SimulatedAcquirer;
import io.huitong.vault.Vault;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments wiring. The card channels are the in-process simulated acquirer, as two channels
 * ({@code sim_a} preferred, {@code sim_b} as the fallback) so that failover is real.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class PaymentsConfig {

    @Bean
    @Order(1)
    CardChannel simulatedAcquirerA() {
        return new SimulatedAcquirer("sim_a", true);
    }

    @Bean
    @Order(2)
    CardChannel simulatedAcquirerB() {
        return new SimulatedAcquirer("sim_b", false);
    }

    @Bean
    PaymentEngine paymentEngine(DataSource dataSource, JsonMapper json, Ledger ledger, List<CardChannel> channels, EventLog events,
                                Vault vault, Merchants merchants, PlatformTransactionManager transactions, Clock clock, Ids ids,
                                PaymentsProperties properties, Environment environment) {
        return new PaymentEngine(new PaymentStore(JdbcClient.create(dataSource), new org.springframework.jdbc.core.JdbcTemplate(dataSource), json), new MerchantAccounts(ledger),
                new ChannelRouter(channels), events, vault, merchants, ledger, new TransactionTemplate(transactions), clock, ids,
                properties, environment);
    }

    @Bean
    PaymentResolver paymentResolver(PaymentEngine engine, PaymentsProperties properties) {
        return new PaymentResolver(engine, properties);
    }
}
