package io.huitong.payments.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When the resolver next asks a channel about a payment whose outcome it does not know yet, and how often it has
 * asked. {@link #NONE} when nothing is waiting for an answer.
 */
public record Resolution(Instant after, int attempts) {

    public static final Resolution NONE = new Resolution(null, 0);

    public static Resolution at(Instant after) {
        return new Resolution(after, 0);
    }

    /** Due for a look at {@code now}. */
    public boolean due(Instant now) {
        return after == null || !after.isAfter(now);
    }

    /** The next look after one more unanswered attempt: doubling, from 2 s up to a minute; never later than {@code notAfter}. */
    public Resolution backedOff(Instant now, Instant notAfter) {
        int next = attempts + 1;
        Instant at = now.plus(backoff(next));
        if (notAfter != null && notAfter.isBefore(at)) {
            at = notAfter;
        }
        return new Resolution(at, next);
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(attempts, 6)));
    }
}
