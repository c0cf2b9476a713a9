package io.huitong.channels;

import java.time.Duration;

/**
 * When a call that certainly did not act (the channel said it did nothing, or the request never reached it)
 * is sent again to the same channel: at most {@code attempts} times in all, the n-th retry after n ×
 * {@code backoff}, and only while the first attempt started less than {@code budget} ago and the channel's
 * breaker is not open. A call whose outcome is unknown is never sent again: the channel may have acted.
 *
 * <p>Why the same channel and not only the next one: a channel's "system malfunction" answers are mostly
 * passing; with one in ten answers of two acquirers such an error, one attempt on each leaves one payment in a
 * hundred failed, four on each one in a hundred million.
 *
 * @param attempts at least 1 (1: never retried)
 * @param backoff  the wait before the first retry; the n-th waits n times as long
 * @param budget   no new attempt starts later than this after the first one started
 */
public record ChannelRetry(int attempts, Duration backoff, Duration budget) {

    public static final ChannelRetry DEFAULT = new ChannelRetry(4, Duration.ofMillis(20), Duration.ofSeconds(1));
    public static final ChannelRetry NONE = new ChannelRetry(1, Duration.ZERO, Duration.ZERO);

    public ChannelRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("a call is attempted at least once");
        }
        if (backoff == null || backoff.isNegative() || budget == null || budget.isNegative()) {
            throw new IllegalArgumentException("backoff and budget must not be negative");
        }
    }

    /** The wait before retry {@code n} (1 for the first retry). */
    Duration backoff(int n) {
        return backoff.multipliedBy(n);
    }
}
