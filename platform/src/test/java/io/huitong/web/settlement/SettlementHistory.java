package io.huitong.web.settlement;

import io.huitong.web.settlement.SettlementTestSupport.Shop;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a property test did to the platform (merchants, payments, refunds, runs), with its own reckoning of when each
 * movement is due, to check the platform's settlements against. The reckoning counts Monday to Friday as business days:
 * the shipped calendar has no holiday and no make-up working day in November and December 2026, where the tests play
 * (the test checks that before it starts).
 */
final class SettlementHistory {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    record Payment(String id, Shop shop, String currency, long amount, long fee, Instant at) {
    }

    record Refund(String id, Payment payment, long amount, Instant at) {
    }

    /** A run as the test started it: its business date, and the time before it started, after everything paid before it. */
    record Run(LocalDate date, Instant at) {
    }

    final long seed;
    final List<Shop> shops = new ArrayList<>();
    final List<Payment> payments = new ArrayList<>();
    final List<Refund> refunds = new ArrayList<>();
    /** How many refunds were of a payment settled already, and how many runs were started: what the history covered. */
    int lateRefunds;
    int runs;
    private final Map<String, Long> refunded = new HashMap<>();
    private final Map<String, Run> lastRun = new HashMap<>();

    SettlementHistory(long seed) {
        this.seed = seed;
    }

    void paid(Payment p) {
        payments.add(p);
    }

    void refunded(Refund r) {
        refunds.add(r);
        refunded.merge(r.payment().id(), r.amount(), Long::sum);
    }

    long refundable(Payment p) {
        return p.amount() - refunded.getOrDefault(p.id(), 0L);
    }

    /**
     * A run over one merchant. The reckoning takes the last run for all: runs of a merchant must go forward in time and
     * cut-off, as the tests start them (a day off and the business day before it have the same cut-off).
     */
    void ran(Shop shop, Run run) {
        Run last = lastRun.get(shop.id());
        if (last != null && (cutoff(run.date(), shop.days()).isBefore(cutoff(last.date(), shop.days())) || run.at().isBefore(last.at()))) {
            throw new IllegalStateException("the history reckons with runs that go forward only");
        }
        lastRun.put(shop.id(), run);
    }

    /**
     * Where the merchant's settled movements end: those before this instant are due by the last run's business date and
     * were on the ledger when it ran; none after it is settled. The epoch when no run covered the merchant yet.
     */
    Instant settledBefore(Shop shop) {
        Run last = lastRun.get(shop.id());
        if (last == null) {
            return Instant.EPOCH;
        }
        Instant cutoff = cutoff(last.date(), shop.days());
        return cutoff.isBefore(last.at()) ? cutoff : last.at();
    }

    /** Whether a movement at {@code movedAt} is settled by now: due by the last run's date, and made before that run. */
    boolean settled(Shop shop, Instant movedAt) {
        Run last = lastRun.get(shop.id());
        return last != null && !dueDate(movedAt, shop.days()).isAfter(last.date()) && movedAt.isBefore(last.at());
    }

    /** The currencies the merchant took payments in, in the order it first did. */
    Set<String> currencies(Shop shop) {
        Set<String> currencies = new LinkedHashSet<>();
        payments.stream().filter(p -> p.shop().equals(shop)).forEach(p -> currencies.add(p.currency()));
        return currencies;
    }

    /** What the merchant's movements in a currency add up to, net of fees, settled ({@code true}) or not. */
    long movements(Shop shop, String currency, boolean settled) {
        long sum = 0;
        for (Payment p : payments) {
            if (p.shop().equals(shop) && p.currency().equals(currency) && settled(shop, p.at()) == settled) {
                sum += p.amount() - p.fee();
            }
        }
        for (Refund r : refunds) {
            Payment p = r.payment();
            if (p.shop().equals(shop) && p.currency().equals(currency) && settled(shop, r.at()) == settled) {
                sum -= r.amount();
            }
        }
        return sum;
    }

    /** The business date a movement at {@code at} is due on, T+{@code days}. */
    static LocalDate dueDate(Instant at, int days) {
        LocalDate day = nextBusinessDay(at.atZone(SHANGHAI).toLocalDate());
        for (int i = 0; i < days; i++) {
            day = nextBusinessDay(day.plusDays(1));
        }
        return day;
    }

    /** The first instant whose movements are not due by {@code date}: the day after the last business day due by then. */
    static Instant cutoff(LocalDate date, int days) {
        LocalDate last = previousBusinessDay(date);
        for (int i = 0; i < days; i++) {
            last = previousBusinessDay(last.minusDays(1));
        }
        return last.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
    }

    static boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static LocalDate nextBusinessDay(LocalDate day) {
        LocalDate d = day;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static LocalDate previousBusinessDay(LocalDate day) {
        LocalDate d = day;
        while (!isBusinessDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }
}
