package io.huitong.wallets.domain;

/**
 * What a wallet paid from its balance and transferred to others, in CNY minor units, as its class counts it: in all since
 * the account opened ({@code total}) and in the calendar year {@code yearOf} ({@code year}). What refunds and failed
 * withdrawals give back is taken off again.
 */
public record Outflow(long total, long year, int yearOf) {

    public Outflow {
        if (total < 0 || year < 0) {
            throw new IllegalArgumentException("an outflow is never negative: " + total + ", " + year);
        }
    }

    /** Nothing yet. */
    public static Outflow none(int year) {
        return new Outflow(0, 0, year);
    }

    /** What went out in {@code calendarYear}: nothing if this counts another year. */
    public long in(int calendarYear) {
        return calendarYear == yearOf ? year : 0;
    }

    /** With {@code amount} more going out in {@code calendarYear}. */
    public Outflow plus(long amount, int calendarYear) {
        return new Outflow(Math.addExact(total, amount), Math.addExact(in(calendarYear), amount), calendarYear);
    }

    /**
     * With {@code amount} given back of what went out in {@code countedIn}: off the total, and off the year's figure when it
     * is still that year's (a refund in January of a December payment gives back nothing of the new year's).
     */
    public Outflow minus(long amount, int countedIn) {
        return new Outflow(Math.max(0, total - amount), countedIn == yearOf ? Math.max(0, year - amount) : year, yearOf);
    }
}
