package io.huitong.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Ids;
import io.huitong.ledger.Ledger;
import io.huitong.settlement.SettlementRun;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs of the same business date at once settle each merchant balance once: over HTTP they queue on the node's one
 * settlement thread, so the runs here are also executed from threads of their own, all let go at the same moment, as
 * runs of several nodes would be. The first round meets balances no run has seen yet (their positions are made by the
 * runs racing), the second balances with a history, late refunds among their movements.
 */
abstract class ConcurrentRunsTests extends ApiTestSupport {

    static final int RUNS = 4;
    static final int MERCHANTS = 6;
    static final String[] CURRENCIES = {"CNY", "USD"};

    @Autowired
    RunExecutor executor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Ids ids;

    @Autowired
    Ledger ledger;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void runsOfTheSameDateAtOnceSettleEachBalanceOnce() throws Exception {
        at("2026-11-16T09:00:00");
        rate("USD", "CNY", "7.1234");
        rate("CNY", "USD", "0.1404");
        List<OnboardedMerchant> merchants = new ArrayList<>();
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < MERCHANTS; i++) {
            merchants.add(onboardMerchant("Racing Shop " + i, "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":250,\"settlement_currency\":\""
                    + CURRENCIES[i % 2] + "\""));
        }
        List<String> refunds = new ArrayList<>();
        for (OnboardedMerchant m : merchants) {
            for (String currency : CURRENCIES) {
                payments.add(pay(m, 5_000 + ThreadLocalRandom.current().nextInt(5_000), currency));
                payments.add(pay(m, 1_000 + ThreadLocalRandom.current().nextInt(1_000), currency));
            }
            refunds.add(refund(m, payments.getLast(), 300));
        }
        at("2026-11-16T20:00:00");
        List<SettlementRun> first = runAtOnce(LocalDate.parse("2026-11-16"));
        assertSettledOnce(first, MERCHANTS * CURRENCIES.length, payments.size() + refunds.size(), "the first round");

        at("2026-11-17T09:00:00");
        int settledLines = payments.size() + refunds.size();
        List<String> more = new ArrayList<>();
        for (int i = 0; i < merchants.size(); i++) {
            OnboardedMerchant m = merchants.get(i);
            for (String currency : CURRENCIES) {
                more.add(pay(m, 2_000 + i, currency));
            }
            // a refund of a payment settled yesterday comes off today's settlement, as a line of its own
            more.add(refund(m, payments.get(4 * i), 700));
        }
        at("2026-11-17T20:00:00");
        List<SettlementRun> second = runAtOnce(LocalDate.parse("2026-11-17"));
        assertSettledOnce(second, MERCHANTS * CURRENCIES.length, settledLines + more.size(), "the second round");
    }

    /** Opens {@link #RUNS} runs of the date and executes them from as many threads at once; answers them as they ended. */
    private List<SettlementRun> runAtOnce(LocalDate date) throws Exception {
        RunStore store = new RunStore(jdbc);
        List<SettlementRun> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Instant now = clock.instant();
            SettlementRun run = new SettlementRun(ids.next("str"), date, null, "running", 0, store.positions(null).size(), 0, 0, null,
                    "racing-operator-" + i, now, now);
            assertThat(store.insert(run, null)).isTrue();
            runs.add(run);
        }
        CyclicBarrier start = new CyclicBarrier(RUNS);
        ExecutorService threads = Executors.newFixedThreadPool(RUNS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SettlementRun run : runs) {
                done.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    executor.execute(run);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return runs.stream().map(r -> store.find(r.id()).orElseThrow()).toList();
    }

    private void assertSettledOnce(List<SettlementRun> runs, int positions, int lines, String round) {
        int settlements = 0;
        for (SettlementRun run : runs) {
            assertThat(run.status()).as(round + ": " + run).isEqualTo("completed");
            assertThat(run.skipped()).as(round + ": a run that met another on a balance waits for it, it does not give up: " + run).isZero();
            settlements += run.settlements();
        }
        assertThat(settlements).as(round + ": one settlement per balance across the runs " + runs).isEqualTo(positions);
        List<Map<String, Object>> perPosition = jdbc.sql("select merchant_id, source_currency, count(*) as n from settlement"
                + " where run_id in (" + String.join(",", runs.stream().map(r -> "'" + r.id() + "'").toList()) + ")"
                + " group by merchant_id, source_currency").query().listOfRows();
        assertThat(perPosition).as(round + ": settlements per balance").hasSize(positions)
                .allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).as(round + ": " + row).isEqualTo(1));
        assertThat(jdbc.sql("select count(*) from settlement_line").query(Integer.class).single()).as(round + ": every movement in a line")
                .isEqualTo(lines);
        assertThat(jdbc.sql("select count(distinct object_id) from settlement_line").query(Integer.class).single())
                .as(round + ": every payment and refund in one line").isEqualTo(lines);
        assertThat(jdbc.sql("select account_id, sum(case when direction = 'credit' then amount else -amount end) as balance from ledger_entry"
                + " where account_id like 'mer\\_%:pending:%' escape '\\' and layer = 'posted' group by account_id"
                + " having sum(case when direction = 'credit' then amount else -amount end) <> 0").query().listOfRows())
                .as(round + ": nothing left pending").isEmpty();
        long moved = jdbc.sql("select coalesce(sum(source_net), 0) from settlement where status <> 'carried_forward'").query(Long.class).single();
        long movedOnLedger = jdbc.sql("select coalesce(sum(amount), 0) from ledger_transfer where code = 'settlement'").query(Long.class).single();
        assertThat(movedOnLedger).as(round + ": the ledger moved what the settlements say, once").isEqualTo(moved);
        assertThat(ledger.check().balanced()).as(round + ": " + ledger.check()).isTrue();
    }

    private void at(String shanghai) {
        clock.setTo(Instant.parse(shanghai + "+08:00"));
    }

    private void rate(String base, String quote, String rate) {
        Api.Response r = api.postJson("/v1/admin/fx_rates", "{\"base\":\"" + base + "\",\"quote\":\"" + quote + "\",\"rate\":\"" + rate + "\"}",
                "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String pay(OnboardedMerchant m, long amount, String currency) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("succeeded");
        return r.json().path("id").asString();
    }

    private String refund(OnboardedMerchant m, String payment, long amount) {
        Api.Response r = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":" + amount + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    /** A card number nobody used yet (valid Luhn digit), so that no card velocity rule sees a repeat. */
    private static String card() {
        StringBuilder n = new StringBuilder("424242");
        for (int i = 0; i < 9; i++) {
            n.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; ; check++) {
            String candidate = n.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
    }
}
