package io.huitong.ledger.jdbc;

import io.huitong.audit.AuditTrail;
import io.huitong.kernel.ClusterSingleton;
import io.huitong.ledger.Ledger;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class LedgerConfig {

    @Bean
    Ledger ledger(DataSource dataSource, Clock clock, PlatformTransactionManager transactions, AuditTrail audit) {
        return new JdbcLedger(dataSource, clock, transactions, audit);
    }

    @Bean
    HoldExpiry holdExpiry(Ledger ledger) {
        return new HoldExpiry(ledger);
    }

    /** Expires holds whose timeout has passed. Several instances may run it at once: each hold expires once. */
    static final class HoldExpiry {
        private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
        private final Ledger ledger;

        HoldExpiry(Ledger ledger) {
            this.ledger = ledger;
        }

        @Scheduled(fixedDelayString = "${huitong.ledger.expiry-interval:1s}", initialDelayString = "${huitong.ledger.expiry-interval:1s}")
        @ClusterSingleton("ledger-hold-expiry")
        void expire() {
            try {
                int expired;
                do {
                    expired = ledger.expireDueHolds(500);
                    if (expired > 0) {
                        log.info("Expired {} holds", expired);
                    }
                } while (expired == 500);
            } catch (RuntimeException e) {
                log.warn("Hold expiry failed; retrying on the next run: {}", e.getMessage());
            }
        }
    }
}
