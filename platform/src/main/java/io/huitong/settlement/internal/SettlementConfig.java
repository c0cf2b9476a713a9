package io.huitong.settlement.internal;

import io.huitong.aml.AmlMonitoring;
import io.huitong.approvals.Approvals;
import io.huitong.events.EventLog;
import io.huitong.identity.Merchants;
import io.huitong.kernel.Ids;
import io.huitong.kernel.JobLeases;
import io.huitong.ledger.Ledger;
import io.huitong.settlement.Calendars;
import io.huitong.settlement.FxRates;
import io.huitong.vault.Vault;
import io.huitong.wallets.BankPayouts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SettlementProperties.class)
class SettlementConfig {

    @Bean
    SettlementStore settlementStore(JdbcClient jdbc) {
        return new SettlementStore(jdbc);
    }

    @Bean
    BankAccounts settlementBankAccounts(JdbcClient jdbc, Vault vault) {
        return new BankAccounts(jdbc, vault);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService payoutSender() {
        // a bounded queue: what does not fit waits for the resolver, which sends pending payouts too
        return new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                Thread.ofPlatform().name("payout-sender-", 0).daemon().factory());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService settlementRunner() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("settlement-run").daemon().factory());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService settlementWorkers(SettlementProperties properties) {
        return Executors.newFixedThreadPool(properties.workers(), Thread.ofPlatform().name("settlement-worker-", 0).daemon().factory());
    }

    @Bean
    PayoutOutcomes payoutOutcomes(JdbcClient jdbc, SettlementStore settlements, BankAccounts accounts, Ledger ledger, EventLog events,
                                  AmlMonitoring aml, ObjectProvider<BankPayouts> bank, PlatformTransactionManager transactions, Clock clock,
                                  ExecutorService payoutSender, Ids ids) {
        return new PayoutOutcomes(new PayoutStore(jdbc), settlements, accounts, ledger, events, aml,
                () -> Optional.ofNullable(bank.getIfAvailable()), new TransactionTemplate(transactions), clock, payoutSender, ids);
    }

    /** Payouts the bank paid and got back, as the bank channel hands them over. */
    @Bean
    io.huitong.wallets.PayoutReturns payoutReturns(JdbcClient jdbc, SettlementStore settlements, Ledger ledger, EventLog events,
                                                   AmlMonitoring aml, PlatformTransactionManager transactions, Clock clock) {
        return new PayoutReturnsBook(new PayoutStore(jdbc), settlements, ledger, events, aml, new TransactionTemplate(transactions), clock);
    }

    @Bean
    PayoutService payoutService(JdbcClient jdbc, BankAccounts accounts, Ledger ledger, Approvals approvals, PayoutOutcomes outcomes,
                                Ids ids, @Value("${huitong.approvals.payout-threshold:5000000}") long threshold) {
        return new PayoutService(new PayoutStore(jdbc), accounts, ledger, approvals, outcomes, ids, threshold);
    }

    @Bean
    RunExecutor settlementRuns(JdbcClient jdbc, SettlementStore store, Ledger ledger, FxRates rates, PayoutService payouts,
                               PayoutOutcomes outcomes, Merchants merchants, Calendars calendars, PlatformTransactionManager transactions,
                               Clock clock, Ids ids, ExecutorService settlementRunner, ExecutorService settlementWorkers,
                               SettlementProperties properties) {
        PositionSettler settler = new PositionSettler(store, ledger, rates, payouts, ids);
        return new RunExecutor(new RunStore(jdbc), settler, outcomes, merchants, calendars, new TransactionTemplate(transactions), clock,
                ids, settlementRunner, settlementWorkers, properties.workers());
    }

    @Bean
    SettlementScheduler settlementScheduler(RunExecutor runs, JdbcClient jdbc, PayoutOutcomes payouts, Calendars calendars,
                                            SettlementProperties properties, Clock clock, JobLeases leases) {
        return new SettlementScheduler(runs, new RunStore(jdbc), payouts, calendars, properties, clock, leases);
    }

    /** How late today's settlement is, as a meter. */
    @Bean
    ApplicationRunner settlementMeters(JdbcClient jdbc, Calendars calendars, SettlementProperties properties, Clock clock,
                                       ObjectProvider<MeterRegistry> registry) {
        return args -> registry.ifAvailable(new SettlementMeters(jdbc, calendars, properties.runAt(), clock)::register);
    }

    @Bean
    SettlementReads settlements(SettlementStore store, BankAccounts accounts, Merchants merchants, PlatformTransactionManager transactions,
                                Clock clock) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return new SettlementReads(store, accounts, merchants, readOnly, clock);
    }
}
