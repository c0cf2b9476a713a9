package io.huitong.ledger;

import static io.huitong.ledger.LedgerFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.huitong.kernel.Money;
import io.huitong.ledger.TransferResult.Code;
import io.huitong.ledger.jdbc.JdbcLedger;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Races on the production database: row locks, not luck, keep the books right. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerConcurrencyPostgresTest {

    private TestDb db;
    private HikariDataSource pool;
    private final MutableClock clock = MutableClock.startingNow();
    private Ledger ledger;
    private LedgerFixture fx;

    @BeforeAll
    void open() {
        db = TestDatabases.postgresMigrated();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(db.url());
        cfg.setUsername(db.user());
        cfg.setPassword(db.password());
        cfg.setMaximumPoolSize(50);
        pool = new HikariDataSource(cfg);
        ledger = new JdbcLedger(pool, clock);
        fx = new LedgerFixture(ledger);
    }

    @AfterAll
    void close() {
        if (pool != null) {
            pool.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void fiftyThreadsDebitingAWalletOfOneThousandByOneHundredExactlyTenSucceed() throws Exception {
        String wallet = fx.walletWith(1_000, "CNY");
        String shop = fx.revenue("CNY");
        List<TransferResult> results = race(50, i -> ledger.createTransfer(
                TransferRequest.posted(id("debit"), wallet, shop, Money.of(100, "CNY"))));

        assertThat(results.stream().filter(r -> r.code() == Code.OK)).hasSize(10);
        assertThat(results.stream().filter(r -> r.code() == Code.EXCEEDS_CREDITS)).hasSize(40);
        assertThat(fx.account(wallet).postedBalance()).isZero();
        assertThat(fx.account(shop).postedBalance()).isEqualTo(1_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void batchedDebitsRacingStillNeverOverdraw() throws Exception {
        String wallet = fx.walletWith(1_000, "CNY");
        String shop = fx.revenue("CNY");
        List<List<TransferResult>> results = race(20, i -> ledger.createTransfers(List.of(
                TransferRequest.posted(id("a"), wallet, shop, Money.of(30, "CNY")),
                TransferRequest.posted(id("b"), wallet, shop, Money.of(20, "CNY")))));
        long moved = results.stream().flatMap(List::stream).filter(r -> r.code() == Code.OK)
                .mapToLong(r -> r.transfer().amount()).sum();
        assertThat(moved).isEqualTo(1_000);
        assertThat(fx.account(wallet).postedBalance()).isZero();
    }

    @RepeatedTest(5)
    void holdRacedByPostVoidAndExpiryResolvesExactlyOnce() throws Exception {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String hold = id("hold");
        assertThat(ledger.createTransfer(TransferRequest.hold(hold, wallet, merchant, Money.of(600, "CNY"), 30)).code()).isEqualTo(Code.OK);
        clock.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofMillis(-1));

        List<Callable<TransferResult>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(() -> ledger.createTransfer(TransferRequest.post(id("post"), hold, 400L)));
            racers.add(() -> ledger.createTransfer(TransferRequest.voidHold(id("void"), hold)));
        }
        racers.add(() -> {
            clock.advance(Duration.ofMillis(1));
            ledger.expireDueHolds(10);
            return null;
        });
        List<TransferResult> results = runAll(racers);
        clock.advance(Duration.ofSeconds(1));
        ledger.expireDueHolds(10);

        long okCount = results.stream().filter(r -> r != null && r.code() == Code.OK).count();
        boolean expired = ledger.transfer(hold + ".expire").isPresent();
        assertThat(okCount + (expired ? 1 : 0)).as("exactly one resolution").isEqualTo(1);
        Account w = fx.account(wallet);
        assertThat(w.debitsPending()).isZero();
        assertThat(w.postedBalance()).isIn(1_000L, 600L);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void sameTransferIdFromManyThreadsMovesMoneyOnce() throws Exception {
        String wallet = fx.walletWith(1_000, "CNY");
        String shop = fx.revenue("CNY");
        String tid = id("once");
        List<TransferResult> results = race(20, i -> ledger.createTransfer(
                TransferRequest.posted(tid, wallet, shop, Money.of(100, "CNY"))));
        assertThat(results.stream().filter(r -> r.code() == Code.OK)).hasSize(1);
        assertThat(results.stream().filter(r -> r.code() == Code.EXISTS)).hasSize(19);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(900);
    }

    @Test
    void sameTransferIdBetweenAccountsWithoutLimitsMovesMoneyOnce() throws Exception {
        String bank = fx.fundingAccount("CNY");
        String revenue = fx.revenue("CNY");
        String tid = id("once");
        List<TransferResult> results = race(20, i -> ledger.createTransfer(
                TransferRequest.posted(tid, bank, revenue, Money.of(100, "CNY"))));
        assertThat(results.stream().filter(r -> r.code() == Code.OK)).hasSize(1);
        assertThat(results.stream().filter(r -> r.code() == Code.EXISTS)).hasSize(19);
        assertThat(fx.account(revenue).postedBalance()).isEqualTo(100);
    }

    @Test
    void aHotAccountWithoutLimitsReceivesEveryConcurrentCreditExactly() throws Exception {
        String hot = fx.revenue("CNY");
        List<String> payers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payers.add(fx.walletWith(50, "CNY"));
        }
        List<TransferResult> results = race(40, i -> ledger.createTransfer(
                TransferRequest.posted(id("fee"), payers.get(i), hot, Money.of(50, "CNY"))));
        assertThat(results).allSatisfy(r -> assertThat(r.code()).isEqualTo(Code.OK));
        assertThat(fx.account(hot).postedBalance()).isEqualTo(2_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void concurrentReversalsNeverExceedTheOriginal() throws Exception {
        String bank = fx.fundingAccount("CNY");
        String merchant = fx.revenue("CNY");
        String payment = id("pay");
        assertThat(ledger.createTransfer(TransferRequest.posted(payment, bank, merchant, Money.of(500, "CNY"))).code()).isEqualTo(Code.OK);
        List<TransferResult> results = race(12, i -> ledger.createTransfer(TransferRequest.reversal(id("rev"), payment, 100L)));
        assertThat(results.stream().filter(r -> r.code() == Code.OK)).hasSize(5);
        assertThat(results.stream().filter(r -> r.code() == Code.EXCEEDS_REVERSIBLE_AMOUNT)).hasSize(7);
        assertThat(fx.account(merchant).postedBalance()).isZero();
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void transfersInOppositeDirectionsDoNotDeadlock() throws Exception {
        String a = fx.walletWith(10_000, "CNY");
        String b = fx.walletWith(10_000, "CNY");
        List<TransferResult> results = race(40, i -> ledger.createTransfer(i % 2 == 0
                ? TransferRequest.posted(id("ab"), a, b, Money.of(7, "CNY"))
                : TransferRequest.posted(id("ba"), b, a, Money.of(7, "CNY"))));
        assertThat(results).allSatisfy(r -> assertThat(r.code()).isEqualTo(Code.OK));
        assertThat(fx.account(a).postedBalance() + fx.account(b).postedBalance()).isEqualTo(20_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void concurrentCreditsCannotJointlyOverflowTheTotalOfAHotAccount() throws Exception {
        String hot = fx.revenue("CNY");
        List<String> banks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            banks.add(fx.fundingAccount("CNY"));
        }
        long amount = 1L << 59;
        // fifteen fit (15 * 2^59 < 2^63), sixteen would not
        List<TransferResult> results = race(16, i -> ledger.createTransfer(
                TransferRequest.posted(id("big"), banks.get(i), hot, Money.of(amount, "CNY"))));

        assertThat(results.stream().filter(r -> r.code() == Code.OK)).hasSize(15);
        assertThat(results.stream().filter(r -> r.code() == Code.OVERFLOWS)).hasSize(1);
        assertThat(fx.account(hot).creditsPosted()).isEqualTo(15 * amount);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void concurrentDebitsOfAHotAccountNearlyFullTakeExactlyWhatIsLeft() throws Exception {
        String hot = fx.fundingAccount("CNY");
        assertThat(ledger.createTransfer(TransferRequest.posted(id("fill"), hot, fx.revenue("CNY"),
                Money.of(Long.MAX_VALUE - 10_000, "CNY"))).code()).isEqualTo(Code.OK);
        List<String> shops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            shops.add(fx.revenue("CNY"));
        }
        List<TransferResult> results = race(40, i -> ledger.createTransfer(
                TransferRequest.posted(id("small"), hot, shops.get(i), Money.of(1_000, "CNY"))));

        assertThat(results.stream().filter(r -> r.code() == Code.OK)).hasSize(10);
        assertThat(results.stream().filter(r -> r.code() == Code.OVERFLOWS)).hasSize(30);
        assertThat(fx.account(hot).debitsPosted()).isEqualTo(Long.MAX_VALUE);
        assertThat(ledger.check().balanced()).isTrue();
    }

    interface Job<T> {
        T run(int i) throws Exception;
    }

    private <T> List<T> race(int threads, Job<T> job) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            calls.add(() -> job.run(n));
        }
        return runAll(calls);
    }

    private <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
