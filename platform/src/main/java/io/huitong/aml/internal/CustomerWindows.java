package io.huitong.aml.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.huitong.aml.AmlTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluator's memory of its customers' movements, so that a batch reads from the database only the customers it has
 * not met lately. A customer's window holds every movement from its start on that was committed when it was read, and
 * every movement evaluated since: a movement committed later is evaluated later, and joins the window then. That holds
 * only while this instance evaluates every batch, which the evaluator's count of batches tells: when another instance
 * evaluated in between, or a batch of this one's was rolled back, everything is forgotten and read again.
 */
final class CustomerWindows {

    private static final Comparator<AmlTransaction> IN_TIME = Comparator.comparing(AmlTransaction::occurredAt)
            .thenComparing(AmlTransaction::id);

    /** A customer's movements from {@code from} on, in time order, and when they last moved money before it (null: never). */
    record Window(Instant from, List<AmlTransaction> movements, Instant lastBefore) {

        /** When the customer last moved money before {@code t}, itself aside. */
        Instant lastBefore(AmlTransaction t) {
            Instant last = lastBefore;
            for (AmlTransaction m : movements) {
                if (!m.occurredAt().isBefore(t.occurredAt())) {
                    break;
                }
                if (!m.id().equals(t.id())) {
                    last = m.occurredAt();
                }
            }
            return last;
        }
    }

    /** What the windows are read from. */
    interface Source {

        /** The customers' movements with {@code from <= occurred_at}, by customer. */
        Map<String, List<AmlTransaction>> customersFrom(Collection<String> customers, Instant from);

        /** When each of the customers last moved money before {@code before}; customers who never did are left out. */
        Map<String, Instant> lastBefore(Collection<String> customers, Instant before);
    }

    private final Cache<String, Window> windows;
    /** The evaluator's count of batches after this instance's last one, or -1. */
    private volatile long batches = -1;

    CustomerWindows(long maxMovements) {
        this.windows = Caffeine.newBuilder().maximumWeight(maxMovements).weigher((String c, Window w) -> w.movements().size() + 1).build();
    }

    /** Called in a batch, with the evaluator's lock held and its count of batches before this one. */
    void continueFrom(long before) {
        if (before != batches) {
            windows.invalidateAll();
        }
    }

    /** The batch that made the evaluator's count {@code after} committed. */
    void committed(long after) {
        batches = after;
    }

    /** A batch was rolled back: what it merged in may not be so. */
    void forget() {
        batches = -1;
        windows.invalidateAll();
    }

    /**
     * The windows of the batch's customers from {@code from} on, with the batch merged in: read for the customers not
     * remembered from so early, and cut at {@code from} (a later batch that looks back further reads again).
     */
    Map<String, Window> around(List<AmlTransaction> batch, Instant from, Source source) {
        Map<String, List<AmlTransaction>> arriving = new HashMap<>();
        batch.forEach(t -> arriving.computeIfAbsent(t.customer(), k -> new ArrayList<>()).add(t));
        Map<String, Window> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String c : arriving.keySet()) {
            Window w = windows.getIfPresent(c);
            if (w == null || w.from().isAfter(from)) {
                missing.add(c);
            } else {
                out.put(c, w);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, List<AmlTransaction>> read = source.customersFrom(missing, from);
            Map<String, Instant> earlier = source.lastBefore(missing, from);
            for (String c : missing) {
                out.put(c, new Window(from, read.getOrDefault(c, List.of()), earlier.get(c)));
            }
        }
        for (Map.Entry<String, List<AmlTransaction>> e : arriving.entrySet()) {
            Window merged = merge(out.get(e.getKey()), e.getValue(), from);
            out.put(e.getKey(), merged);
            windows.put(e.getKey(), merged);
        }
        return out;
    }

    /** {@code w} (which starts at {@code from} or before) and the movements arriving, each once, from {@code from} on. */
    private static Window merge(Window w, List<AmlTransaction> arriving, Instant from) {
        Set<String> known = new HashSet<>();
        List<AmlTransaction> movements = new ArrayList<>(w.movements().size() + arriving.size());
        Instant lastBefore = w.lastBefore();
        for (List<AmlTransaction> part : List.of(w.movements(), arriving)) {
            for (AmlTransaction m : part) {
                if (m.occurredAt().isBefore(from)) {
                    lastBefore = later(lastBefore, m.occurredAt());
                } else if (known.add(m.id())) {
                    movements.add(m);
                }
            }
        }
        movements.sort(IN_TIME);
        return new Window(from, List.copyOf(movements), lastBefore);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
