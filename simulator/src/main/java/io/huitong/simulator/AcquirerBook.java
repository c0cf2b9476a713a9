package io.huitong.simulator;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A simulated acquirer's book: its transactions by the platform's reference, in memory, for a number of business
 * days. A transaction is filed under the business date it was first booked on; when a new one is booked, the days
 * that have passed out of the book are forgotten with everything the acquirer kept of them: their transactions, the
 * merchants they came with and the day's settled lines ({@link AcquirerJournal}).
 */
final class AcquirerBook {

    private final Map<String, BookEntry> entries = new ConcurrentHashMap<>();
    /** The references first booked on each business date, oldest first (guarded by this). */
    private final TreeMap<LocalDate, List<String>> bookedOn = new TreeMap<>();
    private final Clock clock;
    private final int retentionDays;
    private final AcquirerJournal journal;

    /** @param retentionDays how many business days before today the book and the settled journal keep */
    AcquirerBook(Clock clock, int retentionDays, AcquirerJournal journal) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("an acquirer keeps its book for a day at least");
        }
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.journal = journal;
    }

    BookEntry get(String reference) {
        return entries.get(reference);
    }

    /**
     * Books a transaction, filing a reference booked for the first time under today's business date. The first one
     * of a business date moves the retention on a day: only then is there anything to forget.
     */
    synchronized void add(BookEntry entry) {
        if (entries.put(entry.reference(), entry) != null) {
            return;
        }
        LocalDate today = ChannelStatement.businessDate(clock.instant());
        List<String> day = bookedOn.get(today);
        if (day != null) {
            day.add(entry.reference());
            return;
        }
        bookedOn.put(today, new ArrayList<>(List.of(entry.reference())));
        LocalDate oldestKept = today.minusDays(retentionDays);
        for (var oldest = bookedOn.firstEntry(); oldest != null && oldest.getKey().isBefore(oldestKept); oldest = bookedOn.firstEntry()) {
            for (String reference : bookedOn.pollFirstEntry().getValue()) {
                entries.remove(reference);
                journal.forget(reference);
            }
        }
        journal.forgetBefore(oldestKept);
    }

    /** A booked transaction as it now stands (same reference). */
    void update(BookEntry entry) {
        entries.put(entry.reference(), entry);
    }

    /** Changes a transaction if the book still holds it. */
    void updateIfPresent(String reference, UnaryOperator<BookEntry> change) {
        entries.computeIfPresent(reference, (k, entry) -> change.apply(entry));
    }

    /** The book, oldest STAN first. */
    List<BookEntry> entries() {
        return entries.values().stream()
                .sorted(Comparator.comparing(BookEntry::stan, Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(BookEntry::reference))
                .toList();
    }
}
