package io.huitong.settlement.calendar;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.settlement.CalendarYear;
import io.huitong.settlement.Calendars;
import io.huitong.settlement.domain.BusinessCalendar;
import io.huitong.settlement.domain.CalendarRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The business calendar: years read from and replaced in the database, and the {@link BusinessCalendar} of them all
 * kept in memory. That copy is dropped when this instance replaces a year (once the change is committed) and read
 * again after {@code refresh} for changes made on other instances.
 */
final class CalendarService implements Calendars {

    private static final Logger log = LoggerFactory.getLogger(CalendarService.class);

    /** The {@code source} of a year an operator set. */
    static final String BY_OPERATOR = "operator";

    private final CalendarStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final long refreshNanos;
    private final Object loading = new Object();
    /** Moves on with every change this instance commits: a copy loaded before it is stale. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded loaded;

    /** A loaded calendar, when it was loaded (System.nanoTime: its age is all that matters), and of which generation. */
    private record Loaded(BusinessCalendar calendar, long atNanos, long generation) {
    }

    CalendarService(CalendarStore store, TransactionTemplate transactions, Clock clock, Duration refresh) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public CalendarYear year(int year) {
        requireYear(year);
        return store.year(year).orElseGet(() -> CalendarYear.empty(year));
    }

    @Override
    public CalendarYear replace(int year, CalendarYear days, String operatorId) {
        Objects.requireNonNull(days, "days");
        if (operatorId == null || operatorId.isBlank()) {
            throw new IllegalArgumentException("the operator replacing a year is required");
        }
        requireYear(year);
        if (days.year() != year) {
            throw ApiException.invalid("year", "The days given are for " + days.year() + ", not " + year + ".");
        }
        CalendarRules.check(year, days.holidays(), days.workingDays()).ifPresent(v -> {
            throw refusal(v);
        });
        Instant at = DbTimes.now(clock);
        try {
            transactions.executeWithoutResult(s -> store.replace(days, BY_OPERATOR, operatorId, at));
        } catch (DuplicateKeyException firstTimeRace) {
            // another instance set this year for the first time at the same moment: its row now exists and is locked
            transactions.executeWithoutResult(s -> store.replace(days, BY_OPERATOR, operatorId, at));
        }
        changed();
        return year(year);
    }

    /**
     * Stores a year shipped with the platform unless the year is already set, by an operator or an earlier start:
     * true if it stored it.
     */
    boolean setIfAbsent(CalendarYear days, String source, String by) {
        CalendarRules.check(days.year(), days.holidays(), days.workingDays()).ifPresent(v -> {
            throw new IllegalArgumentException(source + ": " + v.message());
        });
        try {
            Boolean written = transactions.execute(s -> {
                if (store.isSet(days.year())) {
                    return false;
                }
                store.replace(days, source, by, DbTimes.now(clock));
                return true;
            });
            if (Boolean.TRUE.equals(written)) {
                changed();
                return true;
            }
            return false;
        } catch (DuplicateKeyException setMeanwhile) {
            return false;
        }
    }

    @Override
    public BusinessCalendar current() {
        Loaded l = loaded;
        if (isFresh(l)) {
            return l.calendar();
        }
        synchronized (loading) {
            l = loaded;
            if (isFresh(l)) {
                return l.calendar();
            }
            long gen = generation.get();
            try {
                BusinessCalendar calendar = load();
                loaded = new Loaded(calendar, System.nanoTime(), gen);
                return calendar;
            } catch (RuntimeException e) {
                if (l == null) {
                    throw e;
                }
                // a database that can't be read now must not stop settlement: the copy in hand is at most one change old
                log.warn("Could not read the business calendar again, keeping the one loaded before: {}", e.toString());
                loaded = new Loaded(l.calendar(), System.nanoTime(), l.generation());
                return l.calendar();
            }
        }
    }

    private boolean isFresh(Loaded l) {
        return l != null && l.generation() == generation.get() && System.nanoTime() - l.atNanos() < refreshNanos;
    }

    private BusinessCalendar load() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder();
        for (CalendarYear y : store.all()) {
            builder.year(y.year(), y.holidays(), y.workingDays());
        }
        return builder.build();
    }

    /** Drops the copy in memory once the change is committed (a copy read before the commit would miss it). */
    private void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    generation.incrementAndGet();
                }
            });
        } else {
            generation.incrementAndGet();
        }
    }

    private static void requireYear(int year) {
        if (!CalendarRules.isSupportedYear(year)) {
            throw ApiException.invalid("year", "year must be between " + CalendarRules.FIRST_YEAR + " and " + CalendarRules.LAST_YEAR + ".");
        }
    }

    private static ApiException refusal(CalendarRules.Violation v) {
        String param = switch (v.field()) {
            case YEAR -> "year";
            case HOLIDAYS -> "holidays";
            case WORKING_DAYS -> "working_days";
        };
        return ApiException.invalid(param, v.message());
    }
}
