package io.huitong.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand: either real time plus an offset (new MutableClock()), for leases and
 * retention in a running platform, or a fixed instant that moves only when told ({@link #startingNow()}).
 */
public final class MutableClock extends Clock {

    private final Instant fixedStart;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MutableClock() {
        this.fixedStart = null;
    }

    public MutableClock(Instant fixedStart) {
        this.fixedStart = fixedStart;
    }

    public static MutableClock startingNow() {
        return new MutableClock(Instant.parse("2026-01-15T08:00:00Z"));
    }

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Moves the clock to this instant (from where it goes on ticking, if it follows real time). */
    public void setTo(Instant at) {
        Instant base = fixedStart == null ? Instant.now() : fixedStart;
        offset.set(Duration.between(base, at));
    }

    /** Back to where the clock started, for tests whose counterparts (a simulator) read the real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return (fixedStart == null ? Instant.now() : fixedStart).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform clock is UTC");
    }
}
