package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same return pushed by many at once, on PostgreSQL: the payout's lock and its return reference let one of them
 * move the money back and the others find it done. In a database of its own: the return is pushed as the bank would,
 * but the bank never booked it, so its statement would not reconcile with the ledger's.
 */
class PayoutReturnConcurrencyPostgresTests extends PayoutReturnFixtures {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void theSameReturnPushedByManyAtOnceMovesTheMoneyBackOnce() throws Exception {
        String payout = payout(4_000);
        String merchant = merchantOf(payout);
        long amount = jdbc.sql("select amount from payout where id = ?").param(payout).query(Long.class).single();
        long before = available(merchant);
        String returnId = "RTN" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        PaymentReturn body = returnOf(returnId, payout, amount, "AC01");
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return push(body, bankKey());
                }));
            }
            start.countDown();
            for (Future<Api.Response> f : sent) {
                Api.Response r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as("applied or applied before: " + r.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(status(payout)).isEqualTo("failed");
        assertThat(available(merchant)).as("the money is back once").isEqualTo(before + amount);
        assertThat(events(merchant, "payout.failed")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ledger_transfer where code = 'payout_return' and reference = ?").param(returnId)
                .query(Long.class).single()).isEqualTo(1);
        assertLedgerBalanced();
    }

}
