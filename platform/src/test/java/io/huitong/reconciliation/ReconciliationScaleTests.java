package io.huitong.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlementWriter;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation at scale on PostgreSQL: a day of {@code n} card payments on the ledger (seeded in SQL, as the ledger
 * keeps them) and the acquirer's settlement file of the day with a few faults in it, streamed through the import and
 * matched; it must take less than a minute for two million lines. Not part of the suite (it takes minutes to seed):
 * <pre>
 * ./mvnw -B -o -pl platform test -Dtest=ReconciliationScaleTests -Dhuitong.reconciliation.scale-lines=2000000
 * </pre>
 */
@EnabledIfSystemProperty(named = "huitong.reconciliation.scale-lines", matches = "[0-9]+")
class ReconciliationScaleTests extends ApiTestSupport {

    static final TestDatabase DB = TestDatabase.postgres();
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String CLEARING = "platform:card_clearing:CNY";
    static final String PENDING = "mer_scale:pending:CNY";
    /** Every this many lines (ten of each kind at most), one fault of each kind. */
    static int faultEvery(int n) {
        return Math.max(10, n / 10);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    Reconciliations reconciliations;

    static long amount(long i) {
        return 1_000 + i % 9_000;
    }

    static String reference(long i) {
        return "pay_SCALE" + String.format("%017d", i);
    }

    @Test
    void aDayOfMillionsOfCardPaymentsReconcilesWithinAMinute() throws Exception {
        int n = Integer.getInteger("huitong.reconciliation.scale-lines");
        LocalDate day = LocalDate.now(CHINA).minusDays(1);
        Instant start = day.atStartOfDay(CHINA).toInstant();
        long seedStarted = System.nanoTime();
        seed(n, start);
        long seeded = System.nanoTime();

        Path file = Files.createTempFile("acq_a-settlement-", ".csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, n, day, start);
        }
        long importStarted = System.nanoTime();
        Reconciliation r;
        try (InputStream in = Files.newInputStream(file)) {
            r = reconciliations.importStatement("acq_a", day, in, "admin");
        } finally {
            Files.delete(file);
        }
        long imported = System.nanoTime();
        while (r.status().equals(Reconciliation.MATCHING)) {
            Thread.sleep(200);
            r = reconciliations.find(r.id()).orElseThrow();
        }
        long matched = System.nanoTime();

        int faults = (n + faultEvery(n) - 2) / faultEvery(n);
        System.out.printf("%nreconciliation of %,d acquirer lines on PostgreSQL%n", n);
        System.out.printf("%-26s %10s%n", "step", "seconds");
        System.out.printf("%-26s %10.1f%n", "seeding the ledger", seconds(seedStarted, seeded));
        System.out.printf("%-26s %10.1f%n", "import (read, COPY)", seconds(importStarted, imported));
        System.out.printf("%-26s %10.1f%n", "matching", seconds(imported, matched));
        System.out.printf("%-26s %10.1f%n", "import + matching", seconds(importStarted, matched));
        System.out.printf("counts: %s%n%n", r.counts());
        assertThat(r.status()).isEqualTo(Reconciliation.COMPLETED);
        assertThat(r.counts().amountMismatch()).isEqualTo(faults);
        assertThat(r.counts().duplicate()).isEqualTo(faults);
        assertThat(r.counts().missingInLedger()).isEqualTo(faults);
        assertThat(r.counts().timing() + r.counts().missingInChannel()).isEqualTo(faults);
        assertThat(r.counts().matched()).isEqualTo(n - 2L * faults);
        if (n >= 2_000_000) {
            assertThat(Duration.ofNanos(matched - importStarted)).isLessThan(Duration.ofMinutes(1));
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** n payments of acq_a on the day, each with its capture on the ledger: as payments leave them, in a few statements. */
    private void seed(int n, Instant start) {
        ledger.createAccounts(java.util.List.of(NewAccount.of(CLEARING, "CNY", AccountType.ASSET, "platform"),
                NewAccount.of(PENDING, "CNY", AccountType.LIABILITY, "mer_scale")));
        long step = Duration.ofDays(1).toMillis() / n;
        String at = "timestamptz 'epoch' + (? + g * ?) * interval '1 millisecond'";
        String ref = "'pay_SCALE' || lpad(g::text, 17, '0')";
        String amt = "(1000 + g % 9000)";
        jdbc.sql("insert into payment (id, merchant_id, amount, currency, status, capture_method, amount_capturable, amount_received,"
                + " amount_refunded, fee, method_type, channel, resolve_attempts, created_at, updated_at) select " + ref + ", 'mer_scale', " + amt
                + ", 'CNY', 'succeeded', 'automatic', 0, " + amt + ", 0, 0, 'card', 'acq_a', 0, " + at + ", " + at
                + " from generate_series(0, ? - 1) g").params(start.toEpochMilli(), step, start.toEpochMilli(), step, n).update();
        jdbc.sql("insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, currency, code, reference, created_at)"
                + " select " + ref + " || ':capture', 'POSTED', ?, ?, " + amt + ", 'CNY', 'payment', " + ref + ", " + at
                + " from generate_series(0, ? - 1) g").params(CLEARING, PENDING, start.toEpochMilli(), step, n).update();
        for (String[] side : new String[][] {{CLEARING, "debit"}, {PENDING, "credit"}}) {
            jdbc.sql("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at) select " + ref
                    + " || ':capture', ?, 'CNY', 'posted', ?, " + amt + ", " + at + " from generate_series(0, ? - 1) g")
                    .params(side[0], side[1], start.toEpochMilli(), step, n).update();
        }
        jdbc.sql("analyze").update();
    }

    /** The acquirer's file of the day: a line per payment, with every {@link #faultEvery}th line dropped, changed, doubled and one made up. */
    private static void write(OutputStream out, int n, LocalDate day, Instant start) {
        long step = Duration.ofDays(1).toMillis() / n;
        try (AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header("acq_a", day))) {
            for (long i = 0; i < n; i++) {
                long amount = amount(i);
                int fault = (int) (i % faultEvery(n));
                if (fault == 1) {
                    continue;
                }
                if (fault == 2) {
                    amount -= 1;
                }
                AcquirerSettlement.Line line = new AcquirerSettlement.Line(AcquirerSettlement.Code.SALE, String.format("%06d", i % 1_000_000),
                        start.plusMillis(i * step), "622200******0000", amount, "CNY", String.format("%012d", i), "000000", reference(i), "mer_scale",
                        0, amount, null, AcquirerSettlement.Status.SETTLED);
                w.write(line);
                if (fault == 3) {
                    w.write(line);
                }
                if (fault == 4) {
                    w.write(new AcquirerSettlement.Line(AcquirerSettlement.Code.SALE, "999999", start.plusMillis(i * step), null, 777, "CNY",
                            "9" + String.format("%011d", i), null, "pay_NOBODY" + i, null, 0, 777, null, AcquirerSettlement.Status.SETTLED));
                }
            }
            w.finish();
        }
    }
}
