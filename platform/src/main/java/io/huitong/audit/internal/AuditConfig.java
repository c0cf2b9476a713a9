package io.huitong.audit.internal;

import io.huitong.audit.AuditTrail;
import io.huitong.kernel.Ids;
import io.huitong.kernel.JobLeases;
import io.huitong.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfig {

    private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    /** Every transaction of the platform goes through it, so that operators' actions are recorded in their own transaction. */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource, ObjectProvider<AuditTrail> trail) {
        return new AuditingTransactionManager(dataSource, trail::getObject);
    }

    @Bean
    AuditService auditService(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, Vault vault, PlatformTransactionManager transactions,
                              Clock clock, Ids ids, AuditProperties properties) {
        AuditStore store = new AuditStore(jdbc, template);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Chainer chainer = new Chainer(store, tx, properties.hashAlgorithm(), json, properties.batchSize());
        return new AuditService(store, chainer, properties.hashAlgorithm(), json, vault, tx, clock, ids);
    }

    @Bean
    ApplicationRunner auditBaseline(AuditService audit) {
        return args -> audit.recordBaseline();
    }

    /** The outcome of the newest verification of the chain as meters. */
    @Bean
    ApplicationRunner auditVerificationMeters(AuditService audit, ObjectProvider<MeterRegistry> registry) {
        return args -> registry.ifAvailable(audit.verifications()::register);
    }

    /**
     * Chains what committed, every {@code chain-interval}; seals yesterday once it is over; verifies the whole chain
     * every {@code verify-every}, on a thread of its own so that a long walk never holds up chaining. Each of the three
     * on one node at a time ({@link JobLeases}): chaining holds the head's row lock anyway, and a walk of the whole
     * chain is the database's work, once is enough; the meters of the newest verification are the holder's.
     */
    @Bean
    SmartLifecycle auditChainer(AuditService audit, AuditProperties properties, Clock clock, JobLeases leases) {
        return new SmartLifecycle() {
            private ScheduledExecutorService executor;
            private ScheduledExecutorService verifier;

            @Override
            public void start() {
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "audit-chainer");
                    t.setDaemon(true);
                    return t;
                });
                long every = properties.chainInterval().toMillis();
                executor.scheduleWithFixedDelay(() -> guarded("chain", () -> leases.runIfHolder("audit-chain", audit::chain)), every, every,
                        TimeUnit.MILLISECONDS);
                long sealEvery = properties.sealEvery().toMillis();
                executor.scheduleWithFixedDelay(() -> guarded("seal", () -> leases.runIfHolder("audit-seal",
                                () -> audit.seal(LocalDate.ofInstant(clock.instant(), BUSINESS_ZONE).minusDays(1)))),
                        every, sealEvery, TimeUnit.MILLISECONDS);
                verifier = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "audit-verifier");
                    t.setDaemon(true);
                    return t;
                });
                long verifyEvery = properties.verifyEvery().toMillis();
                verifier.scheduleWithFixedDelay(() -> guarded("verify", () -> leases.runIfHolder("audit-verify", () -> {
                    if (!audit.verify().valid()) {
                        log.error("Audit: the chain does not verify; see GET /v1/admin/audit/verify");
                    }
                })), Math.min(verifyEvery, 60_000), verifyEvery, TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                verifier.shutdownNow();
                executor.shutdown();
                try {
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public boolean isRunning() {
                return executor != null && !executor.isShutdown();
            }
        };
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Audit: {} failed, will try again: {}", what, e.toString());
        }
    }
}
