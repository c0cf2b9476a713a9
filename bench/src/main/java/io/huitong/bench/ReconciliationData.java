package io.huitong.bench;

import io.huitong.kernel.Ids;
import io.huitong.payments.domain.Fees;
import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlementWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A business day of card payments through acquirer {@code acq_a}, as the payments core and the ledger leave them, and
 * the acquirer's settlement file of that day with faults planted in it.
 *
 * <p>The ledger side, written in bulk: the {@code payment} rows (succeeded, card, captured, channel {@code acq_a}, the
 * merchant's fee of 0.6 %) by COPY in time order; per payment the ledger's pair {@code pay_x:capture} (code
 * {@code payment}, reference {@code pay_x}, {@code platform:card_clearing:CNY} to the merchant's pending balance) and
 * {@code pay_x:fee} (code {@code payment_fee}, pending balance to {@code platform:fee_revenue:CNY}), each with its two
 * posted entries stamped a second after the payment, as the capture posts them; then the accounts' totals, which must
 * equal the sum of their entries for the ledger's check to pass. The accounts themselves are opened through the operator
 * API beforehand, as the platform opens them. The payments are spread evenly over the day (Asia/Shanghai), 1 to 100 CNY.
 *
 * <p>The file: a {@code sale} line per payment in time order (its transmission time in whole seconds, as ISO 8583 has
 * it; the acquirer's fee 0.38 %, half up), written with the protocols' writer, except where a fault is planted.
 * {@code faults} faults are spread evenly over the day, the kinds of {@link Fault} taking turns.
 */
final class ReconciliationData {

    static final String ACQUIRER = "acq_a";
    static final String CURRENCY = "CNY";
    static final String CLEARING = "platform:card_clearing:" + CURRENCY;
    static final String FEE_REVENUE = "platform:fee_revenue:" + CURRENCY;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int FEE_BPS = 60;
    static final int ACQUIRER_FEE_BPS = 38;
    /** From a payment's authorization (the line's transmission time) to its capture on the ledger. */
    private static final long CAPTURE_MICROS = 1_000_000;
    /**
     * Lines we never sent carry amounts no payment has (payments are at most 10,000 minor units), so that the pass that
     * pairs by amount and time never takes one for the payment of a dropped line.
     */
    private static final long UNKNOWN_AMOUNT = 20_000;

    /** The kinds of fault, each with the classes matching should give it. */
    enum Fault {
        DROPPED("dropped line", "timing", "missing_in_channel"),
        AMOUNT("amount changed", "amount_mismatch"),
        DUPLICATE("line duplicated", "duplicate"),
        UNKNOWN("line we never sent", "missing_in_ledger"),
        FAILED("reported failed", "status_mismatch");

        final String label;
        final List<String> classes;

        Fault(String label, String... classes) {
            this.label = label;
            this.classes = List.of(classes);
        }
    }

    /** A planted fault: the break matching should report, with the amounts it should show (null: that side has nothing). */
    record Planted(Fault fault, String reference, Long ourAmount, Long channelAmount) {
    }

    /** The file as written: its D lines, its size, and the faults in it. */
    record SettlementFile(long lines, long bytes, List<Planted> planted) {
    }

    private final int n;
    private final int faults;
    private final List<String> merchants;
    private final long seed;
    private final LocalDate day;
    private final long[] created;
    private final int[] amount;
    private final int[] merchant;
    private final String[] ids;

    ReconciliationData(int payments, int faults, List<String> merchants, long seed, LocalDate day) {
        if (faults > payments) {
            throw new IllegalArgumentException("more faults than payments");
        }
        this.n = payments;
        this.faults = faults;
        this.merchants = merchants;
        this.seed = seed;
        this.day = day;
        this.created = new long[n];
        this.amount = new int[n];
        this.merchant = new int[n];
        this.ids = new String[n];
        long start = micros(day.atStartOfDay(CHINA).toInstant());
        long span = (86_400L - 10) * 1_000_000;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            created[i] = start + (2L * i + 1) * span / (2L * n);
            amount[i] = 100 + random.nextInt(9_901);
            merchant[i] = random.nextInt(merchants.size());
            ids[i] = id("pay", created[i]);
        }
    }

    /** Where fault {@code k} goes: the payments' positions spread evenly over the day. */
    private int position(int k) {
        return (int) ((2L * k + 1) * n / (2L * faults));
    }

    private static Fault kind(int k) {
        return Fault.values()[k % Fault.values().length];
    }

    /** Writes the payments and their ledger transfers and entries, and the accounts' totals. */
    void seed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set work_mem = '256MB'");
            s.execute("set maintenance_work_mem = '256MB'");
        }
        if (count(c, "select count(*) from payment") != 0 || count(c, "select count(*) from ledger_transfer") != 0) {
            throw new IllegalStateException("the scratch database has payments or transfers already");
        }
        step("payment rows (COPY)", () -> {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy payment (id, merchant_id, amount, currency, status, capture_method,"
                    + " amount_capturable, amount_received, amount_refunded, fee, method_type, card_brand, card_last4, card_exp_month,"
                    + " card_exp_year, channel, authorization_code, resolve_attempts, created_at, updated_at, risk_decision, risk_score,"
                    + " risk_reasons) from stdin (format csv)");
            StringBuilder b = new StringBuilder(1 << 21);
            for (int i = 0; i < n; i++) {
                long details = details(i);
                b.append(ids[i]).append(',').append(merchants.get(merchant[i])).append(',').append(amount[i]).append(",CNY,succeeded,automatic,0,")
                        .append(amount[i]).append(",0,").append(Fees.of(amount[i], FEE_BPS, 0)).append(",card,unionpay,")
                        .append(digits(details % 10_000, 4)).append(",12,2031,").append(ACQUIRER).append(',')
                        .append(digits(details / 10_000 % 1_000_000, 6)).append(",0,").append(at(created[i])).append(',')
                        .append(at(created[i] + CAPTURE_MICROS)).append(",allow,").append(details / 10_000_000_000L % 40).append(",model_score\n");
                if (b.length() >= 1 << 20) {
                    flush(in, b);
                }
            }
            flush(in, b);
            in.endCopy();
        });
        step("ledger transfers", () -> update(c, "insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, currency,"
                + " code, reference, created_at) select x.id, 'POSTED', x.debit, x.credit, x.amount, 'CNY', x.code, x.reference, x.at from ("
                + "   select p.id || ':capture' as id, '" + CLEARING + "' as debit, p.merchant_id || ':pending:CNY' as credit, p.amount,"
                + "          'payment' as code, p.id as reference, p.updated_at as at, 0 as o from payment p"
                + "   union all"
                + "   select p.id || ':fee', p.merchant_id || ':pending:CNY', '" + FEE_REVENUE + "', p.fee, 'payment_fee', p.id, p.updated_at, 1"
                + "   from payment p where p.fee > 0"
                + " ) x order by x.at, x.reference, x.o"));
        step("ledger entries", () -> update(c, "insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                + " select t.id, e.account_id, t.currency, 'posted', e.direction, t.amount, t.created_at from ledger_transfer t"
                + " cross join lateral (values (t.debit_account_id, 'debit', 0), (t.credit_account_id, 'credit', 1)) as e(account_id, direction, o)"
                + " order by t.created_at, t.id, e.o"));
        step("account totals", () -> update(c, "update ledger_account a set debits_posted = a.debits_posted + s.debits,"
                + " credits_posted = a.credits_posted + s.credits from (select account_id,"
                + " sum(case when direction = 'debit' then amount else 0 end) as debits,"
                + " sum(case when direction = 'credit' then amount else 0 end) as credits"
                + " from ledger_entry group by account_id) s where a.id = s.account_id"));
        // a day of traffic gives autovacuum time to come by: matching plans on statistics and reads visible tuples
        step("vacuum analyze", () -> {
            try (Statement s = c.createStatement()) {
                for (String table : List.of("payment", "ledger_account", "ledger_account_shard", "ledger_transfer", "ledger_entry")) {
                    s.execute("vacuum (analyze) " + table);
                }
            }
        });
        System.out.printf(Locale.ROOT, "  %,d transfers, %,d entries; ledger_entry %s, ledger_transfer %s, payment %s%n",
                count(c, "select count(*) from ledger_transfer"), count(c, "select count(*) from ledger_entry"), size(c, "ledger_entry"),
                size(c, "ledger_transfer"), size(c, "payment"));
    }

    /** Writes the acquirer's settlement file of the day, with the faults; answers what it holds. */
    SettlementFile write(Path file) {
        List<Planted> planted = new ArrayList<>(faults);
        long lines = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header(ACQUIRER, day))) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                AcquirerSettlement.Line line = line(i, amount[i]);
                if (k >= faults || position(k) != i) {
                    w.write(line);
                    lines++;
                    continue;
                }
                long ours = amount[i];
                switch (kind(k)) {
                    case DROPPED -> planted.add(new Planted(Fault.DROPPED, ids[i], ours, null));
                    case AMOUNT -> {
                        long changed = ours + (k / Fault.values().length % 2 == 0 ? 1 : -1);
                        w.write(line(i, changed));
                        lines++;
                        planted.add(new Planted(Fault.AMOUNT, ids[i], ours, changed));
                    }
                    case DUPLICATE -> {
                        w.write(line);
                        w.write(line);
                        lines += 2;
                        planted.add(new Planted(Fault.DUPLICATE, ids[i], null, ours));
                    }
                    case UNKNOWN -> {
                        w.write(line);
                        long at = created[i] + CAPTURE_MICROS / 2;
                        String reference = id("pay", at);
                        long value = UNKNOWN_AMOUNT + k;
                        long fee = acquirerFee(value);
                        w.write(new AcquirerSettlement.Line(AcquirerSettlement.Code.SALE, digits(999_999 - k % 100_000, 6), transmitted(at),
                                "622848******0000", value, CURRENCY, "9" + digits(k, 11), digits(k % 1_000_000, 6), reference, null, fee,
                                value - fee, null, AcquirerSettlement.Status.SETTLED));
                        lines += 2;
                        planted.add(new Planted(Fault.UNKNOWN, reference, null, value));
                    }
                    case FAILED -> {
                        w.write(new AcquirerSettlement.Line(line.code(), line.stan(), line.transmissionTime(), line.maskedPan(), line.amount(),
                                line.currency(), line.rrn(), line.authorizationCode(), line.reference(), line.merchantId(), 0, 0, null,
                                AcquirerSettlement.Status.FAILED));
                        lines++;
                        planted.add(new Planted(Fault.FAILED, ids[i], ours, 0L));
                    }
                }
                k++;
            }
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed", e);
        }
        try {
            return new SettlementFile(lines, Files.size(file), List.copyOf(planted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Payment {@code i}'s sale line as the acquirer reports it, for {@code value} minor units. */
    private AcquirerSettlement.Line line(int i, long value) {
        long details = details(i);
        long fee = acquirerFee(value);
        return new AcquirerSettlement.Line(AcquirerSettlement.Code.SALE, digits(i % 999_999 + 1, 6), transmitted(created[i]),
                "622202******" + digits(details % 10_000, 4), value, CURRENCY, digits((long) day.getDayOfYear() * 100_000_000L + i, 12),
                digits(details / 10_000 % 1_000_000, 6), ids[i], merchants.get(merchant[i]), fee, value - fee, null,
                AcquirerSettlement.Status.SETTLED);
    }

    /** The request's transmission time (ISO 8583 field 7), which has whole seconds. */
    private static Instant transmitted(long micros) {
        return instant(micros).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The acquirer's fee, half up to the minor unit. */
    static long acquirerFee(long value) {
        return (value * ACQUIRER_FEE_BPS + 5_000) / 10_000;
    }

    /** Payment {@code i}'s card digits, authorization code and risk score, the same for the row and the line. */
    private long details(int i) {
        return new SplittableRandom(seed * 1_000_003 + i).nextLong(1L << 50);
    }

    /** An id as the platform makes them ({@link Ids}): sortable by the time of the row it names. */
    private static String id(String prefix, long micros) {
        return new Ids(Clock.fixed(instant(micros), ZoneOffset.UTC)).next(prefix);
    }

    private static String digits(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }

    private static String at(long micros) {
        return instant(micros).toString();
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void step(String what, Work work) throws SQLException {
        long t = System.nanoTime();
        work.run();
        System.out.printf(Locale.ROOT, "  %-40s %6.1f s%n", what, SettlementBench.seconds(t));
    }

    private static void flush(CopyIn in, StringBuilder b) throws SQLException {
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        b.setLength(0);
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String size(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_size_pretty(pg_total_relation_size('" + table + "'))")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
