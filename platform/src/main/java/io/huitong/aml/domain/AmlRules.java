package io.huitong.aml.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The large-value and suspicious-pattern rules, applied to one movement given the customer's other movements
 * around it. Amounts are compared in minor units: CNY movements with the CNY figure, foreign-currency ones by
 * their USD equivalent with the USD figure (each side summed on its own, as Order No. 3 gives a figure for
 * each); a movement at exactly a threshold reaches it.
 */
public final class AmlRules {

    public static final String LARGE_VALUE = "large_value";
    public static final String SUSPICIOUS = "suspicious";

    private final AmlSettings settings;
    private final Rates rates;

    public AmlRules(AmlSettings settings, Rates rates) {
        this.settings = settings;
        this.rates = rates;
    }

    public AmlSettings settings() {
        return settings;
    }

    /**
     * What {@code t} brings about. {@code history} holds the customer's movements from at least
     * {@link AmlSettings#longestWindow()} before {@code t}'s business day to its end (it may include {@code t});
     * {@code lastBefore} is when the customer last moved money before {@code t}, if ever.
     */
    public List<Finding> evaluate(Txn t, List<Txn> history, Instant lastBefore) {
        List<Txn> all = new ArrayList<>(history.stream().filter(h -> !h.id().equals(t.id())).toList());
        all.add(t);
        all.sort(Comparator.comparing(Txn::occurredAt).thenComparing(Txn::id));
        List<Finding> found = new ArrayList<>();
        largeValue(t, all).ifPresent(found::add);
        structuring(t, all).ifPresent(found::add);
        rapidInOut(t, all).ifPresent(found::add);
        dormant(t, lastBefore).ifPresent(found::add);
        fan(t, all).ifPresent(found::add);
        roundAmounts(t, all).ifPresent(found::add);
        return found;
    }

    // ---- large value ----

    java.util.Optional<Finding> largeValue(Txn t, List<Txn> all) {
        LargeValueRule rule = LargeValueRule.of(t);
        if (rule == null) {
            return java.util.Optional.empty();
        }
        Threshold threshold = settings.thresholds().get(rule);
        List<Txn> day = all.stream().filter(x -> x.businessDay().equals(t.businessDay()) && LargeValueRule.of(x) == rule).toList();
        List<Txn> cny = day.stream().filter(x -> x.currency().equals("CNY")).toList();
        List<Txn> foreign = day.stream().filter(x -> !x.currency().equals("CNY")).toList();
        List<Txn> behind = new ArrayList<>();
        if (cny.stream().mapToLong(Txn::amount).sum() >= threshold.cny()) {
            behind.addAll(cny);
        }
        if (foreign.stream().mapToLong(x -> rates.toUsd(x.amount(), x.currency())).sum() >= threshold.usd()) {
            behind.addAll(foreign);
        }
        if (behind.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(finding(LARGE_VALUE, rule.wireName(), rule.description(), t, behind));
    }

    // ---- suspicious patterns ----

    /** Several amounts each just under (within the margin of) the large-value threshold they count towards. */
    java.util.Optional<Finding> structuring(Txn t, List<Txn> all) {
        if (!justUnder(t)) {
            return java.util.Optional.empty();
        }
        List<Txn> near = window(all, t, settings.structuringWindow()).stream().filter(this::justUnder).toList();
        if (near.size() < settings.structuringCount()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(finding(SUSPICIOUS, "structuring", near.size() + " amounts just under a large-value threshold within "
                + human(settings.structuringWindow()), t, near));
    }

    boolean justUnder(Txn x) {
        LargeValueRule rule = LargeValueRule.of(x);
        if (rule == null) {
            return false;
        }
        Threshold threshold = settings.thresholds().get(rule);
        long amount = x.currency().equals("CNY") ? x.amount() : rates.toUsd(x.amount(), x.currency());
        long limit = x.currency().equals("CNY") ? threshold.cny() : threshold.usd();
        // amount >= limit * (100 - margin) / 100, in integers
        return amount < limit && Math.multiplyExact(amount, 100L) >= Math.multiplyExact(limit, 100L - settings.structuringMarginPercent());
    }

    /** Funds received and, within the window, mostly sent on. */
    java.util.Optional<Finding> rapidInOut(Txn t, List<Txn> all) {
        if (!t.debit()) {
            return java.util.Optional.empty();
        }
        List<Txn> window = window(all, t, settings.rapidWindow());
        List<Txn> in = window.stream().filter(x -> !x.debit()).toList();
        if (in.isEmpty()) {
            return java.util.Optional.empty();
        }
        Instant firstIn = in.getFirst().occurredAt();
        long received = in.stream().mapToLong(this::cny).sum();
        List<Txn> out = window.stream().filter(x -> x.debit() && !x.occurredAt().isBefore(firstIn)).toList();
        long sent = out.stream().mapToLong(this::cny).sum();
        if (received < settings.rapidMinimumCny() || Math.multiplyExact(sent, 100L) < Math.multiplyExact(received, (long) settings.rapidPercent())) {
            return java.util.Optional.empty();
        }
        List<Txn> behind = new ArrayList<>(in);
        behind.addAll(out);
        return java.util.Optional.of(finding(SUSPICIOUS, "rapid_in_out", "Received " + received + " fen and sent " + sent
                + " fen on within " + human(settings.rapidWindow()), t, behind));
    }

    /** A customer silent for long, suddenly moving a sizeable amount. */
    java.util.Optional<Finding> dormant(Txn t, Instant lastBefore) {
        if (lastBefore == null || Duration.between(lastBefore, t.occurredAt()).compareTo(settings.dormantAfter()) < 0
                || cny(t) < settings.dormantMinimumCny()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(finding(SUSPICIOUS, "dormant_reactivated", "Active again after " + Duration.between(lastBefore,
                t.occurredAt()).toDays() + " days without a movement", t, List.of(t)));
    }

    /** Many distinct counterparties in one direction. */
    java.util.Optional<Finding> fan(Txn t, List<Txn> all) {
        if (t.counterparty() == null) {
            return java.util.Optional.empty();
        }
        List<Txn> same = window(all, t, settings.fanWindow()).stream().filter(x -> x.debit() == t.debit() && x.counterparty() != null).toList();
        Set<String> counterparties = new LinkedHashSet<>();
        same.forEach(x -> counterparties.add(x.counterparty()));
        if (counterparties.size() < settings.fanCounterparties()) {
            return java.util.Optional.empty();
        }
        String rule = t.debit() ? "fan_out" : "fan_in";
        return java.util.Optional.of(finding(SUSPICIOUS, rule, counterparties.size() + " distinct counterparties " + (t.debit() ? "paid" : "paying")
                + " within " + human(settings.fanWindow()), t, same));
    }

    /** Several movements out that are whole multiples of the round unit (10,000.00 by default). */
    java.util.Optional<Finding> roundAmounts(Txn t, List<Txn> all) {
        Predicate<Txn> round = x -> x.debit() && isRound(x);
        if (!round.test(t)) {
            return java.util.Optional.empty();
        }
        List<Txn> rounds = window(all, t, settings.roundWindow()).stream().filter(round).toList();
        if (rounds.size() < settings.roundCount()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(finding(SUSPICIOUS, "round_amounts", rounds.size() + " round amounts (multiples of "
                + settings.roundUnitMajor() + ") within " + human(settings.roundWindow()), t, rounds));
    }

    boolean isRound(Txn x) {
        long unit = Math.multiplyExact(settings.roundUnitMajor(), pow10(io.huitong.kernel.Currencies.minorUnits(x.currency())));
        return x.amount() > 0 && x.amount() % unit == 0;
    }

    // ---- helpers ----

    /** The movements in (t - window, t], t included. */
    private static List<Txn> window(List<Txn> all, Txn t, Duration window) {
        Instant from = t.occurredAt().minus(window);
        return all.stream().filter(x -> x.occurredAt().isAfter(from) && !x.occurredAt().isAfter(t.occurredAt())).toList();
    }

    private long cny(Txn x) {
        return rates.toCny(x.amount(), x.currency());
    }

    private static Finding finding(String type, String rule, String description, Txn t, List<Txn> behind) {
        List<String> ids = behind.stream().map(Txn::id).filter(Objects::nonNull).distinct().toList();
        return new Finding(type, rule, description, t.customer(), t.organisation(), t.businessDay(), ids);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static String human(Duration d) {
        return d.toHours() % 24 == 0 && d.toDays() > 0 ? d.toDays() + " days" : d.toHours() + " hours";
    }
}
