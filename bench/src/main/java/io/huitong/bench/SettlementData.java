package io.huitong.bench;

import io.huitong.kernel.Ids;
import io.huitong.payments.domain.Fees;
import io.huitong.settlement.domain.BusinessCalendar;
import io.huitong.settlement.domain.SettlementCutoff;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Succeeded card payments and their refunds, written in bulk as the payments core and the ledger write them one by one:
 * the {@code payment} and {@code refund} rows (COPY, in time order), and for each payment the ledger's linked pair
 * {@code pay_x:capture} (code {@code payment}, clearing to the merchant's pending balance) and {@code pay_x:fee} (code
 * {@code payment_fee}, pending to the fee account), for each refund {@code re_x} (code {@code refund}, pending back to
 * clearing), each with its two posted entries, stamped with the time the ledger would have written them; the accounts
 * (the platform's clearing and fee accounts, each merchant's pending and available balances, every one with its seven
 * shard rows) and their totals, which must equal the sum of their entries for the ledger's check to pass.
 *
 * <p>The movements fall on the last business day the run settles (or the {@code days} business days before the cut-off),
 * at times spread evenly over the day. Merchants are not all alike: merchant {@code k} (in onboarding order) takes a
 * share {@code √(k+1) − √k} of {@code √n} of the payments: at 1,000 merchants the largest about 3 %, the smallest about
 * half the average. Amounts are 1 to 100 CNY; half the refunds return the whole payment, half half of it.
 */
final class SettlementData {

    static final int FEE_BPS = 60;
    static final String CURRENCY = "CNY";
    static final String CLEARING = "platform:card_clearing:" + CURRENCY;
    static final String FEE_REVENUE = "platform:fee_revenue:" + CURRENCY;
    /** Time from a payment's creation to its capture, when the ledger posts it. */
    private static final long CAPTURE_MICROS = 1_000_000;
    /** Time from a refund's creation to its posting. */
    private static final long REFUND_POST_MICROS = 20_000;
    private static final int SHARDS = 8;

    /** The cut-off of the run and the business days (last first) whose movements it settles. */
    record Window(Instant cutoff, List<LocalDate> days) {
    }

    /** For a T1 run on {@code businessDate}: its cut-off, and the {@code days} business days before it. */
    static Window window(BusinessCalendar calendar, LocalDate businessDate, int days) {
        Instant cutoff = SettlementCutoff.of(calendar, businessDate, 1);
        LocalDate lastDue = cutoff.atZone(SettlementCutoff.ZONE).toLocalDate().minusDays(1);
        List<LocalDate> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            out.add(calendar.minusBusinessDays(lastDue, i));
        }
        return new Window(cutoff, out);
    }

    private final Connection c;
    private final List<String> merchants;
    private final int payments;
    private final int refunds;
    private final long seed;
    private final Window window;

    SettlementData(Connection c, List<String> merchants, int payments, int refunds, long seed, Window window) {
        this.c = c;
        this.merchants = merchants;
        this.payments = payments;
        this.refunds = refunds;
        this.seed = seed;
        this.window = window;
    }

    void load() throws SQLException {
        long t0 = System.nanoTime();
        int n = payments;
        int m = merchants.size();
        SplittableRandom random = new SplittableRandom(seed);
        long[] created = new long[n];
        int[] merchant = new int[n];
        int[] amount = new int[n];
        int[] refunded = new int[n];
        long[] refundedAt = new long[n];
        for (int i = 0; i < n; i++) {
            LocalDate day = window.days().get(random.nextInt(window.days().size()));
            long start = micros(day.atStartOfDay(SettlementCutoff.ZONE).toInstant());
            long end = micros(day.plusDays(1).atStartOfDay(SettlementCutoff.ZONE).toInstant());
            // created, captured a second later, still well before the day ends
            created[i] = start + random.nextLong(end - start - 5 * CAPTURE_MICROS);
            double u = random.nextDouble();
            merchant[i] = Math.min(m - 1, (int) (m * u * u));
            amount[i] = 100 + random.nextInt(9_901);
        }
        for (int j = 0; j < refunds; j++) {
            int i = (int) ((long) j * n / refunds);
            refunded[i] = j % 2 == 0 ? amount[i] : amount[i] / 2;
            long posted = created[i] + CAPTURE_MICROS;
            LocalDate day = Instant.ofEpochSecond(0, created[i] * 1000).atZone(SettlementCutoff.ZONE).toLocalDate();
            long end = micros(day.plusDays(1).atStartOfDay(SettlementCutoff.ZONE).toInstant()) - 2 * CAPTURE_MICROS;
            long earliest = posted + 60_000_000;
            refundedAt[i] = earliest < end ? earliest + random.nextLong(end - earliest) : posted + CAPTURE_MICROS / 2;
        }
        int[] byTime = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> created[i])).mapToInt(Integer::intValue).toArray();
        String[] ids = new String[n];
        for (int i : byTime) {
            ids[i] = id("pay", created[i]);
        }
        System.out.printf(Locale.ROOT, "  generated %,d payments and %,d refunds in %.1f s%n", n, refunds, BenchSupport.seconds(t0));

        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set work_mem = '256MB'");
            s.execute("set maintenance_work_mem = '256MB'");
        }
        long before = count("select coalesce(max(id), 0) from ledger_entry");
        if (count("select count(*) from ledger_transfer") != 0 || count("select count(*) from payment") != 0) {
            throw new IllegalStateException("the scratch database has payments or transfers already");
        }

        step("payment rows (COPY)", () -> {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy payment (id, merchant_id, amount, currency, status, capture_method,"
                    + " amount_capturable, amount_received, amount_refunded, fee, method_type, card_brand, card_last4, card_exp_month,"
                    + " card_exp_year, channel, authorization_code, resolve_attempts, created_at, updated_at, risk_decision, risk_score,"
                    + " risk_reasons) from stdin (format csv)");
            StringBuilder b = new StringBuilder(1 << 21);
            SplittableRandom details = new SplittableRandom(seed + 1);
            for (int i : byTime) {
                long captured = created[i] + CAPTURE_MICROS;
                long updated = refunded[i] > 0 ? refundedAt[i] + REFUND_POST_MICROS : captured;
                b.append(ids[i]).append(',').append(merchants.get(merchant[i])).append(',').append(amount[i]).append(",CNY,succeeded,automatic,0,")
                        .append(amount[i]).append(',').append(refunded[i]).append(',').append(Fees.of(amount[i], FEE_BPS, 0))
                        .append(",card,visa,").append(String.format(Locale.ROOT, "%04d", details.nextInt(10_000))).append(",12,2031,acq_a,")
                        .append(String.format(Locale.ROOT, "%06d", details.nextInt(1_000_000))).append(",0,").append(at(created[i])).append(',')
                        .append(at(updated)).append(",allow,").append(details.nextInt(40)).append(",model_score\n");
                flush(in, b, false);
            }
            flush(in, b, true);
            in.endCopy();
        });
        step("refund rows (COPY)", () -> {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy refund (id, merchant_id, payment_id, amount, currency, status,"
                    + " channel, resolve_attempts, created_at, updated_at) from stdin (format csv)");
            StringBuilder b = new StringBuilder(1 << 21);
            int[] refundsByTime = IntStream.range(0, n).filter(i -> refunded[i] > 0).boxed()
                    .sorted(Comparator.comparingLong(i -> refundedAt[i])).mapToInt(Integer::intValue).toArray();
            for (int i : refundsByTime) {
                b.append(id("re", refundedAt[i])).append(',').append(merchants.get(merchant[i])).append(',').append(ids[i]).append(',')
                        .append(refunded[i]).append(",CNY,succeeded,acq_a,0,").append(at(refundedAt[i])).append(',')
                        .append(at(refundedAt[i] + REFUND_POST_MICROS)).append('\n');
                flush(in, b, false);
            }
            flush(in, b, true);
            in.endCopy();
        });
        Timestamp opened = Timestamp.from(window.cutoff().minus(java.time.Duration.ofDays(30)));
        step("ledger accounts and their shard rows", () -> {
            try (PreparedStatement ps = c.prepareStatement("insert into ledger_account (id, currency, account_type, owner_ref, flags, code, created_at)"
                    + " values (?, 'CNY', ?, ?, 0, null, ?) on conflict (id) do nothing")) {
                for (String[] a : List.of(new String[] {CLEARING, "ASSET", "platform"}, new String[] {FEE_REVENUE, "REVENUE", "platform"})) {
                    ps.setString(1, a[0]);
                    ps.setString(2, a[1]);
                    ps.setString(3, a[2]);
                    ps.setTimestamp(4, opened);
                    ps.addBatch();
                }
                for (String id : merchants) {
                    for (String balance : List.of("pending", "available")) {
                        ps.setString(1, id + ":" + balance + ":CNY");
                        ps.setString(2, "LIABILITY");
                        ps.setString(3, id);
                        ps.setTimestamp(4, opened);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into ledger_account_shard (account_id, shard) select a.id, g.shard from ledger_account a"
                        + " cross join generate_series(1, " + (SHARDS - 1) + ") as g(shard) where a.flags = 0 on conflict do nothing");
            }
        });
        step("ledger transfers", () -> update("insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, currency,"
                + " pending_id, reverses_id, expires_at, code, reference, created_at)"
                + " select x.id, 'POSTED', x.debit, x.credit, x.amount, 'CNY', null, null, null, x.code, x.reference, x.at from ("
                + "   select p.id || ':capture' as id, '" + CLEARING + "' as debit, p.merchant_id || ':pending:CNY' as credit, p.amount,"
                + "          'payment' as code, p.id as reference, p.created_at + interval '1 second' as at, 0 as o from payment p"
                + "   union all"
                + "   select p.id || ':fee', p.merchant_id || ':pending:CNY', '" + FEE_REVENUE + "', p.fee, 'payment_fee', p.id,"
                + "          p.created_at + interval '1 second', 1 from payment p where p.fee > 0"
                + "   union all"
                + "   select r.id, r.merchant_id || ':pending:CNY', '" + CLEARING + "', r.amount, 'refund', r.payment_id, r.updated_at, 2"
                + "   from refund r"
                + " ) x order by x.at, x.reference, x.o"));
        step("ledger entries", () -> update("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                + " select t.id, e.account_id, t.currency, 'posted', e.direction, t.amount, t.created_at from ledger_transfer t"
                + " cross join lateral (values (t.debit_account_id, 'debit', 0), (t.credit_account_id, 'credit', 1)) as e(account_id, direction, o)"
                + " where t.code in ('payment', 'payment_fee', 'refund')"
                + " order by t.created_at, t.id, e.o"));
        step("account totals", () -> update("update ledger_account a set debits_posted = a.debits_posted + s.debits,"
                + " credits_posted = a.credits_posted + s.credits from (select account_id,"
                + " sum(case when direction = 'debit' then amount else 0 end) as debits,"
                + " sum(case when direction = 'credit' then amount else 0 end) as credits"
                + " from ledger_entry where id > " + before + " group by account_id) s where a.id = s.account_id"));
        // a day of traffic gives autovacuum time to come by: the run plans on statistics, and reads visible tuples
        step("vacuum analyze", () -> {
            try (Statement s = c.createStatement()) {
                for (String table : List.of("payment", "refund", "ledger_account", "ledger_account_shard", "ledger_transfer", "ledger_entry")) {
                    s.execute("vacuum (analyze) " + table);
                }
            }
        });
        System.out.printf(Locale.ROOT, "  written in %.1f s: %,d transfers, %,d entries; ledger_entry %s, ledger_transfer %s, payment %s%n",
                BenchSupport.seconds(t0), count("select count(*) from ledger_transfer"), count("select count(*) from ledger_entry"),
                size("ledger_entry"), size("ledger_transfer"), size("payment"));
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void step(String what, Work work) throws SQLException {
        long t = System.nanoTime();
        work.run();
        System.out.printf(Locale.ROOT, "  %-40s %6.1f s%n", what, BenchSupport.seconds(t));
    }

    private void update(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String size(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_size_pretty(pg_total_relation_size('" + table + "'))")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void flush(CopyIn in, StringBuilder b, boolean all) throws SQLException {
        if (all || b.length() >= (1 << 20)) {
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            b.setLength(0);
        }
    }

    /** An id as the platform makes them ({@link Ids}): sortable by the time of the row it names. */
    private static String id(String prefix, long micros) {
        return new Ids(Clock.fixed(Instant.ofEpochSecond(0, micros * 1000), ZoneOffset.UTC)).next(prefix);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static String at(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000).toString();
    }
}
