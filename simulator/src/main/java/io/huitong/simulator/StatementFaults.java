package io.huitong.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mistakes a party makes in its statements on purpose, by our reference, for reconciliation to find:
 * {@code drop} leaves the line out, {@code duplicate} writes it twice, {@code amount} changes its amount by a
 * delta (minor units), {@code status} reports it failed (or reversed), {@code delay} moves it to the next
 * business date's statement, {@code unknown} adds that many lines with references the platform never sent.
 * They apply to every statement the party serves while they are in force.
 */
record StatementFaults(Set<String> drop, Set<String> duplicate, Map<String, Long> amount, Set<String> status, Set<String> delay, int unknown) {

    static final StatementFaults NONE = new StatementFaults(Set.of(), Set.of(), Map.of(), Set.of(), Set.of(), 0);
    /** More made-up lines than this helps no test and could exhaust memory. */
    static final int MAX_UNKNOWN = 10_000;
    private static final List<String> FIELDS = List.of("drop", "duplicate", "amount", "status", "delay", "unknown");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    StatementFaults {
        drop = Set.copyOf(drop);
        duplicate = Set.copyOf(duplicate);
        amount = Map.copyOf(amount);
        status = Set.copyOf(status);
        delay = Set.copyOf(delay);
    }

    /** The faults a control request's JSON body asks for; {@code {}} is none. */
    static StatementFaults parse(Map<?, ?> body) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        for (Object key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("unknown field: " + key + " (expected " + String.join(", ", FIELDS) + ")");
            }
        }
        Map<String, Long> amounts = new LinkedHashMap<>();
        Object amount = body.get("amount");
        if (amount != null) {
            if (!(amount instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("amount must be an object of reference to a whole number of minor units");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!whole(e.getValue())) {
                    throw new IllegalArgumentException("amount." + e.getKey() + " must be a whole number of minor units");
                }
                amounts.put(reference(e.getKey(), "amount"), ((Number) e.getValue()).longValue());
            }
        }
        int unknown = 0;
        Object count = body.get("unknown");
        if (count != null) {
            if (!whole(count) || ((Number) count).longValue() < 0 || ((Number) count).longValue() > MAX_UNKNOWN) {
                throw new IllegalArgumentException("unknown must be a whole number from 0 to " + MAX_UNKNOWN);
            }
            unknown = ((Number) count).intValue();
        }
        return new StatementFaults(references(body, "drop"), references(body, "duplicate"), amounts, references(body, "status"),
                references(body, "delay"), unknown);
    }

    /** A JSON integer that fits a long: money never passes through a floating-point number. */
    private static boolean whole(Object value) {
        return value instanceof Integer || value instanceof Long;
    }

    private static Set<String> references(Map<?, ?> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(field + " must be an array of references");
        }
        Set<String> refs = new LinkedHashSet<>();
        for (Object ref : list) {
            refs.add(reference(ref, field));
        }
        return refs;
    }

    private static String reference(Object value, String field) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + " takes references: non-empty strings");
        }
        return s;
    }

    /** As {@code GET /control/statements/{channel}/faults} shows them. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drop", drop.stream().sorted().toList());
        m.put("duplicate", duplicate.stream().sorted().toList());
        m.put("amount", new java.util.TreeMap<>(amount));
        m.put("status", status.stream().sorted().toList());
        m.put("delay", delay.stream().sorted().toList());
        m.put("unknown", unknown);
        return m;
    }

    /**
     * The reference of the {@code index}th made-up line of a day, the same on every request so that importing the
     * statement twice finds the same lines. {@code U} is not a digit of the platform's ids (Crockford base 32), so
     * it can never be one of ours.
     */
    static String unknownReference(String prefix, LocalDate date, int index) {
        return prefix + "_UNKNOWN" + DAY.format(date) + String.format("%011d", index);
    }
}
