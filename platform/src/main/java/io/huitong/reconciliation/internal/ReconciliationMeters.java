package io.huitong.reconciliation.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The open breaks of current reconciliations as gauges: {@code huitong.reconciliation.breaks.open}, all of them, and
 * {@code huitong.reconciliation.breaks.open.past.grace}, those that arose before the grace period
 * ({@code huitong.reconciliation.grace} business days) and are still open, which someone has to resolve. Counted by
 * one query, kept for {@link #FRESH} so that scrapes at once do not repeat it; NaN while the database cannot be asked.
 */
final class ReconciliationMeters {

    static final String OPEN = "huitong.reconciliation.breaks.open";
    static final String PAST_GRACE = "huitong.reconciliation.breaks.open.past.grace";
    static final Duration FRESH = Duration.ofSeconds(15);

    private record Counted(BreakBook.OpenBreaks breaks, Instant at) {
    }

    private final BreakBook book;
    private final Clock clock;
    private Counted last; // guarded by this

    ReconciliationMeters(BreakBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    void register(MeterRegistry registry) {
        gauge(registry, OPEN, "open reconciliation breaks", BreakBook.OpenBreaks::open);
        gauge(registry, PAST_GRACE, "open reconciliation breaks older than the grace period", BreakBook.OpenBreaks::pastGrace);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<BreakBook.OpenBreaks> value) {
        Gauge.builder(name, this, m -> {
            BreakBook.OpenBreaks breaks = m.current();
            return breaks == null ? Double.NaN : value.applyAsDouble(breaks);
        }).description(description).strongReference(true).register(registry);
    }

    synchronized BreakBook.OpenBreaks current() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(FRESH)) || now.isBefore(last.at())) {
            try {
                last = new Counted(book.open(now), now);
            } catch (RuntimeException e) {
                last = null;
                return null;
            }
        }
        return last.breaks();
    }
}
