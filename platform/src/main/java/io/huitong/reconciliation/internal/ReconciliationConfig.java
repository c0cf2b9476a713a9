package io.huitong.reconciliation.internal;

import io.huitong.approvals.Approvals;
import io.huitong.channels.Channels;
import io.huitong.kernel.Ids;
import io.huitong.kernel.JobLeases;
import io.huitong.kernel.Periodic;
import io.huitong.ledger.Ledger;
import io.huitong.reconciliation.StatementSource;
import io.huitong.settlement.Calendars;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfig {

    @Bean
    ChannelDirectory reconciliationChannels(Channels channels) {
        return new ChannelDirectory(channels::status, channels::accountAt);
    }

    @Bean
    ReconciliationStore reconciliationStore(JdbcClient jdbc) {
        return new ReconciliationStore(jdbc);
    }

    @Bean
    BreakBook reconciliationBreaks(JdbcClient jdbc, Calendars calendars, ReconciliationProperties properties, Clock clock) {
        return new BreakBook(jdbc, calendars, properties.grace(), clock);
    }

    /** The open breaks as meters. */
    @Bean
    ApplicationRunner reconciliationMeters(BreakBook breaks, Clock clock, ObjectProvider<MeterRegistry> registry) {
        return args -> registry.ifAvailable(new ReconciliationMeters(breaks, clock)::register);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService reconciliationMatcher() {
        // one matching at a time: each is set-based SQL over a whole statement and takes the database's attention
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                Thread.ofPlatform().name("reconciliation-matcher").daemon().factory());
    }

    @Bean
    StatementImporter statementImporter(DataSource dataSource, ReconciliationProperties properties) {
        return new StatementImporter(dataSource, properties.batchSize());
    }

    @Bean
    MatchRunner matchRunner(JdbcClient jdbc, ReconciliationStore store, BreakBook breaks, StatementImporter importer, Ids ids, Clock clock,
                            ReconciliationProperties properties, PlatformTransactionManager transactions, ExecutorService reconciliationMatcher,
                            ApplicationEventPublisher events, ObjectProvider<MeterRegistry> meters) {
        TransactionTemplate progress = new TransactionTemplate(transactions);
        progress.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new MatchRunner(store, new Matcher(jdbc, breaks, ids, clock, properties.timeTolerance(), importer::postgres),
                new TransactionTemplate(transactions), progress, clock, reconciliationMatcher, events,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    BreakResolver breakResolver(BreakBook breaks, ReconciliationStore store, Ledger ledger, Approvals approvals, PlatformTransactionManager transactions,
                                Clock clock, ReconciliationProperties properties) {
        return new BreakResolver(breaks, store, ledger, approvals, new TransactionTemplate(transactions), clock, properties.writeOffThreshold());
    }

    /**
     * Statements are fetched from a {@link StatementSource} bean when there is one (a real channel's connector), else from
     * the simulator's statement API: {@code huitong.reconciliation.statements-url}, else the simulator the channels use.
     */
    @Bean
    ReconciliationService reconciliationService(ChannelDirectory channels, StatementImporter importer, ReconciliationStore store, MatchRunner runner,
                                                BreakBook breaks, BreakResolver resolver, ObjectProvider<StatementSource> sources,
                                                ReconciliationProperties properties, Environment env, PlatformTransactionManager transactions,
                                                Clock clock, Ids ids) {
        SimulatorStatements simulator = new SimulatorStatements(() -> simulatorUrl(properties, env, channels), Duration.ofSeconds(5),
                properties.fetchTimeout());
        StatementImports imports = new StatementImports(channels, importer, store, runner,
                () -> sources.getIfAvailable(() -> simulator), new TransactionTemplate(transactions), clock, ids);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return new ReconciliationService(imports, store, breaks, resolver, new TransactionTemplate(transactions), readOnly, clock);
    }

    private static Optional<String> simulatorUrl(ReconciliationProperties properties, Environment env, ChannelDirectory channels) {
        if (hasText(properties.statementsUrl())) {
            return Optional.of(properties.statementsUrl());
        }
        String simulator = env.getProperty("huitong.channels.simulator-url");
        return hasText(simulator) ? Optional.of(simulator) : channels.embeddedSimulatorUrl();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * Ages timing breaks, takes up interrupted matchings and, when {@code huitong.reconciliation.automatic}, runs the daily
     * reconciliation, every {@code huitong.reconciliation.interval}, on one node at a time ({@link JobLeases}).
     */
    @Bean(initMethod = "start", destroyMethod = "stop")
    Periodic reconciliationUpkeep(ReconciliationService service, MatchRunner runner, ReconciliationStore store, ChannelDirectory channels,
                                  ReconciliationProperties properties, Clock clock, JobLeases leases) {
        DailyReconciliation daily = new DailyReconciliation(service, store, channels, properties.runAt(), clock);
        return new Periodic("reconciliation-upkeep", properties.interval(), () -> {
            service.age();
            runner.resumeStalled();
            if (properties.automatic()) {
                daily.pass();
            }
        }, LoggerFactory.getLogger(ReconciliationService.class), leases);
    }
}
