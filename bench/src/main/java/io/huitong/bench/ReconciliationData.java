package io.huitong.bench;

import io.huitong.kernel.Ids;
import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlementWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A business day of card payments through acquirer {@code acq_a} (spread evenly over the day in Asia/Shanghai, 1 to
 * 100 CNY, ids as the platform makes them), which {@link ReconciliationLedger} writes to the ledger, and the acquirer's
 * settlement file of that day with faults planted in it.
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
    static final long CAPTURE_MICROS = 1_000_000;
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

    int payments() {
        return n;
    }

    /** Payment {@code i}'s id, merchant, amount and creation time (microseconds of the epoch). */
    String id(int i) {
        return ids[i];
    }

    String merchant(int i) {
        return merchants.get(merchant[i]);
    }

    int amount(int i) {
        return amount[i];
    }

    long created(int i) {
        return created[i];
    }

    /** Where fault {@code k} goes: the payments' positions spread evenly over the day. */
    private int position(int k) {
        return (int) ((2L * k + 1) * n / (2L * faults));
    }

    private static Fault kind(int k) {
        return Fault.values()[k % Fault.values().length];
    }

    /**
     * Writes the acquirer's file of the day before: one sale nobody sent (a break there), so that the day's statement is
     * matched, as on every day but the first, with another current statement of the channel to look for partners on.
     */
    void writeDayBefore(Path file) {
        LocalDate before = day.minusDays(1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header(ACQUIRER, before))) {
            Instant at = before.atStartOfDay(CHINA).toInstant().plusSeconds(43_200);
            w.write(new AcquirerSettlement.Line(AcquirerSettlement.Code.SALE, "000001", at, "622202******0000", 777, CURRENCY, "000000000001",
                    "000001", "pay_NOBODYDAYBEFORE000000000", merchants.get(0), 0, 777, null, AcquirerSettlement.Status.SETTLED));
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    long details(int i) {
        return new SplittableRandom(seed * 1_000_003 + i).nextLong(1L << 50);
    }

    /** An id as the platform makes them ({@link Ids}): sortable by the time of the row it names. */
    private static String id(String prefix, long micros) {
        return new Ids(Clock.fixed(instant(micros), ZoneOffset.UTC)).next(prefix);
    }

    static String digits(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }

    static String at(long micros) {
        return instant(micros).toString();
    }
}
