package io.huitong.wallets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.SqlDialect;
import io.huitong.testsupport.TestDatabases;
import io.huitong.wallets.domain.Outflow;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lock a movement out of a wallet takes, on PostgreSQL: it keeps other movements of the wallet waiting until it commits,
 * but not a payment code inserted for the wallet meanwhile (the code's row references the wallet; a plain
 * {@code for update} made that insert wait for the movement's commit).
 */
class WalletLockPostgresTest {

    @Test
    void aLockedWalletStillGetsItsNextCodeButNotASecondMovement() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (TestDatabases.TestDb db = TestDatabases.postgresMigrated()) {
            DataSource ds = db.dataSource();
            WalletStore store = new WalletStore(JdbcClient.create(ds), new JdbcTemplate(ds), m -> { }, SqlDialect.POSTGRES);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            Instant now = Instant.parse("2026-12-01T02:00:00Z");
            store.insert(new WalletStore.WalletRow("wal_locked", "usr_locked", WalletStore.ACTIVE, now, Outflow.none(2026)));

            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> movement = threads.submit(() -> tx.executeWithoutResult(s -> {
                store.lock("wal_locked");
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            Future<Boolean> code = threads.submit(() -> store.insertCodeOfActiveWallet(new PaymentCodes.NewCode("c".repeat(64), "usr_locked", now, now.plusSeconds(60))));
            assertThat(code.get(5, TimeUnit.SECONDS)).as("the code is stored while the wallet is locked").isTrue();

            Future<?> second = threads.submit(() -> tx.executeWithoutResult(s -> store.lock("wal_locked")));
            assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).as("a second movement waits for the first")
                    .isInstanceOf(TimeoutException.class);

            release.countDown();
            movement.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }
}
