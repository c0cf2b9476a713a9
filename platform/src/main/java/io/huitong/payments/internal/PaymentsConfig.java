package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.identity.Merchants;
import io.huitong.kernel.Ids;
import io.huitong.ledger.Ledger;
import io.huitong.payments.channel.CardChannels;
import io.huitong.payments.channel.OrderChannels;
import io.huitong.payments.channel.OrderNotifications;
import org.springframework.beans.factory.ObjectProvider;
import io.huitong.vault.Vault;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments wiring. The card channels, and the order a payment tries them in, come from outside payments
 * ({@link CardChannels}, provided by the channels module).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class PaymentsConfig {

    @Bean
    PaymentEngine paymentEngine(DataSource dataSource, JsonMapper json, Ledger ledger, CardChannels channels, EventLog events,
                                Vault vault, Merchants merchants, PlatformTransactionManager transactions, Clock clock, Ids ids,
                                PaymentsProperties properties, Environment environment, ObjectProvider<OrderChannels> orderChannels,
                                io.huitong.risk.Risk risk) {
        return new PaymentEngine(new PaymentStore(JdbcClient.create(dataSource), new org.springframework.jdbc.core.JdbcTemplate(dataSource), json), new MerchantAccounts(ledger),
                new ChannelRouter(channels), events, vault, merchants, ledger, new TransactionTemplate(transactions), clock, ids,
                properties, environment, orderChannels::getObject, risk);
    }

    /** Carries out analysts' verdicts on card payments held for review. */
    @Bean
    io.huitong.risk.ReviewedMovements paymentReviews(PaymentEngine engine) {
        return new io.huitong.risk.ReviewedMovements() {
            @Override
            public boolean handles(String kind) {
                return "card_payment".equals(kind);
            }

            @Override
            public void approve(String reference) {
                engine.approveReview(reference);
            }

            @Override
            public void reject(String reference) {
                engine.rejectReview(reference);
            }
        };
    }

    /** Where connectors hand the channels' notifications; resolves the order channels only when first used. */
    @Bean
    OrderNotifications orderNotifications(PaymentEngine engine) {
        return engine.orderNotifications();
    }

    @Bean
    PaymentResolver paymentResolver(PaymentEngine engine, PaymentsProperties properties) {
        return new PaymentResolver(engine, properties);
    }
}
