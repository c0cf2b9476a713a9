package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.identity.Merchants;
import io.huitong.kernel.Ids;
import io.huitong.kernel.JobLeases;
import io.huitong.ledger.Ledger;
import io.huitong.payments.Payments;
import io.huitong.payments.channel.CardChannels;
import io.huitong.payments.channel.OrderChannels;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.risk.ReviewedMovements;
import io.huitong.risk.Risk;
import io.huitong.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments wiring: the pieces of the core built once, each handed what it uses. The card and order channels, and
 * the order a payment tries them in, come from outside payments ({@link CardChannels}, {@link OrderChannels}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class PaymentsConfig {

    /** The payments core, assembled. */
    record Core(PaymentsFacade payments, ReviewVerdicts reviews, OrderSettlement notifications, UnknownOutcomes unknown,
                GiveBacks giveBacks) {
    }

    @Bean
    Core paymentsCore(DataSource dataSource, JsonMapper json, Ledger ledger, CardChannels cardChannels, EventLog events, Vault vault,
                      Merchants merchantRegistry, PlatformTransactionManager transactions, Clock clock, Ids ids,
                      PaymentsProperties properties, Environment environment, ObjectProvider<OrderChannels> orderChannelProvider,
                      Risk risk, ObjectProvider<MeterRegistry> registry) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        PublicAddress address = new PublicAddress(properties, environment);
        PaymentStore payments = new PaymentStore(jdbc, new JdbcTemplate(dataSource), json);
        RefundStore refundRows = new RefundStore(jdbc);
        PaymentViews views = new PaymentViews(payments, refundRows, address::base);
        MerchantAccounts accounts = new MerchantAccounts(ledger);
        MerchantLookup merchants = new MerchantLookup(merchantRegistry);
        OrderChannelBook orderChannels = new OrderChannelBook(orderChannelProvider::getObject);
        ChannelRouter router = new ChannelRouter(cardChannels);
        RiskCheck riskCheck = new RiskCheck(risk, clock);
        Answers answers = new Answers(json, views, payments, properties, clock);
        Transitions transitions = new Transitions(payments, accounts, events, views, answers, tx,
                new PaymentMeters(registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)));
        Outcomes outcomes = new Outcomes(accounts, orderChannels, risk, vault, properties);
        GiveBacks giveBacks = new GiveBacks(jdbc, orderChannels, tx, clock);
        RefundOutcomes refundOutcomes = new RefundOutcomes(refundRows, payments, transitions, accounts, orderChannels, router, events, clock);
        OrderSettlement settlement = new OrderSettlement(transitions, outcomes, orderChannels, giveBacks, refundOutcomes, payments,
                refundRows, merchants, clock);
        CardFlow cards = new CardFlow(transitions, outcomes, router, accounts, riskCheck, merchants, views, answers, vault, clock, ids, properties);
        OrderFlow orders = new OrderFlow(transitions, outcomes, orderChannels, accounts, giveBacks, riskCheck, views, answers, vault, clock, ids,
                properties, address);
        Captures captures = new Captures(transitions, router, accounts, clock);
        UnknownOutcomes unknown = new UnknownOutcomes(transitions, outcomes, new OrderResolver(orderChannels, settlement, outcomes, properties),
                refundOutcomes, router, orderChannels, accounts, merchants, payments, refundRows, properties, clock);
        PaymentsFacade facade = new PaymentsFacade(cards, orders,
                new Confirmation(transitions, outcomes, cards, orders, views, merchants, properties, clock),
                new Cancellation(transitions, captures, settlement, views, clock), captures,
                new WalletQrPayments(transitions, orders, settlement, orderChannels, accounts, merchants, payments, properties, clock),
                new Refunds(transitions, refundRows, refundOutcomes, router, orderChannels, accounts, properties, clock, ids),
                new MerchantBalance(ledger, merchants), merchants, views);
        return new Core(facade, new ReviewVerdicts(payments, transitions, captures, merchants, clock), settlement, unknown, giveBacks);
    }

    @Bean
    Payments payments(Core core) {
        return core.payments();
    }

    /** Carries out analysts' verdicts on card payments held for review. */
    @Bean
    ReviewedMovements paymentReviews(Core core) {
        return core.reviews();
    }

    /** Where connectors hand the channels' notifications; resolves the order channels only when first used. */
    @Bean
    OrderNotifications orderNotifications(Core core) {
        return core.notifications();
    }

    @Bean
    PaymentResolver paymentResolver(Core core, PaymentsProperties properties, JobLeases leases) {
        return new PaymentResolver(core.unknown(), core.giveBacks(), properties, leases);
    }
}
