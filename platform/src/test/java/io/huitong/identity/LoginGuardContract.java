package io.huitong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The login guard on a real database: claims before checks, accounts and addresses apart. */
abstract class LoginGuardContract {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private TestDatabases.TestDb db;
    private LoginGuard guard;
    private javax.sql.DataSource dataSource;

    abstract TestDatabases.TestDb database();

    @BeforeEach
    void migrate() {
        db = database().migrated();
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(20);
        dataSource = new com.zaxxer.hikari.HikariDataSource(config);
        guard = new LoginGuard(JdbcClient.create(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new LoginGuard.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15)),
                new LoginGuard.Policy(20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5)));
    }

    @AfterEach
    void drop() {
        ((com.zaxxer.hikari.HikariDataSource) dataSource).close();
        db.close();
    }

    @Test
    void attemptsSentAtOnceAreCheckedAtMostAsOftenAsThePolicyAllows() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Instant>>> claims = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            claims.add(pool.submit(() -> {
                start.await();
                return guard.claim("account:+8613800000001", "address:203.0.113.7", T0);
            }));
        }
        start.countDown();
        int claimed = 0;
        for (Future<Optional<Instant>> claim : claims) {
            claimed += claim.get().isEmpty() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(claimed).as("checks allowed of 16 attempts sent at once").isEqualTo(5);
        assertThat(guard.claim("account:+8613800000001", null, T0.plusSeconds(60))).as("the right password comes too late")
                .contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(guard.claim("account:+8613800000001", null, T0.plus(Duration.ofMinutes(16)))).isEmpty();
    }

    @Test
    void aRightPasswordClearsTheAccountAndGivesTheAddressItsClaimBack() {
        for (int i = 0; i < 4; i++) {
            assertThat(guard.claim("account:a", "address:x", T0)).isEmpty();
        }
        guard.succeeded("account:a", "address:x");
        for (int i = 0; i < 4; i++) {
            assertThat(guard.claim("account:a", "address:x", T0)).as("the count started again").isEmpty();
        }
        guard.release("account:a", "address:x");
        assertThat(guard.claim("account:a", "address:x", T0)).as("a released claim is not counted: the fourth").isEmpty();
        assertThat(guard.lockedUntil("account:a", "address:x", T0)).isEmpty();
        assertThat(guard.claim("account:a", "address:x", T0)).as("the fifth").isEmpty();
        assertThat(guard.lockedUntil("account:a", "address:x", T0)).as("the fifth counted failure locks").isPresent();
    }

    @Test
    void anAddressIsLockedOnlyAfterManyFailuresAndEachLockInARowLastsTwiceAsLong() {
        for (int i = 0; i < 19; i++) {
            assertThat(guard.claim("account:" + i, "address:office", T0)).isEmpty();
        }
        assertThat(guard.lockedUntil("account:someone-else", "address:office", T0)).as("people behind one address").isEmpty();
        assertThat(guard.claim("account:19", "address:office", T0)).isEmpty();
        assertThat(guard.claim("account:someone-else", "address:office", T0)).contains(T0.plus(Duration.ofMinutes(1)));

        Instant later = T0.plus(Duration.ofMinutes(2));
        for (int i = 0; i < 20; i++) {
            assertThat(guard.claim("account:b" + i, "address:office", later)).isEmpty();
        }
        assertThat(guard.lockedUntil("account:c", "address:office", later)).contains(later.plus(Duration.ofMinutes(2)));

        Instant muchLater = later.plus(Duration.ofHours(1));
        for (int i = 0; i < 20; i++) {
            guard.claim("account:d" + i, "address:office", muchLater);
        }
        assertThat(guard.lockedUntil("account:e", "address:office", muchLater)).as("a lock long after the last starts short again")
                .contains(muchLater.plus(Duration.ofMinutes(1)));
    }
}
