package io.huitong.risk.domain;

import java.time.Instant;
import java.util.List;

/**
 * Velocity: what was moved under a key (a card's fingerprint, a device, an IP address, a user, a merchant)
 * over sliding windows, and what is known of a payer (card or user). Windows are bucketed: the hour in
 * five-minute buckets, the day in hourly buckets, so a window may reach up to one bucket further back than
 * its length. In-process ({@link InMemoryVelocityStore}, the embedded default) or in Redis when several
 * platform instances share it.
 */
public interface VelocityStore {

    /** Buckets of the hour: five minutes each. */
    long SMALL_BUCKET_SECONDS = 300;
    int SMALL_BUCKETS = 12;
    /** Buckets of the day: one hour each. */
    long LARGE_BUCKET_SECONDS = 3600;
    int LARGE_BUCKETS = 24;

    /** Counts and sums of one key, the movement being decided excluded. */
    record Window(int count1h, long sum1h, int count24h, long sum24h, int small1h) {
        public static final Window EMPTY = new Window(0, 0, 0, 0, 0);
    }

    /**
     * What is known of a payer: when it was first and last seen, where and when it last paid from a known position, the median of its
     * recent amounts (0 when none), and whether it used the device before.
     */
    record Payer(Instant firstSeen, Instant lastSeen, Instant lastLocatedAt, Double lastLatitude, Double lastLongitude, long medianAmount,
                 boolean knowsDevice) {
        public static Payer unknown() {
            return new Payer(null, null, null, null, null, 0, false);
        }
    }

    Window window(String key, Instant now);

    /** Counts a movement under each key (null keys are skipped). {@code small}: under 10.00. */
    void add(String[] keys, Instant at, long amount, boolean small);

    Payer payer(String payerKey, String deviceId);

    /** Remembers the payer's movement: time, position (may be null), amount and device (may be null). */
    void rememberPayer(String payerKey, Instant at, Double latitude, Double longitude, long amount, String deviceId);

    /** The windows of some keys, in their order, and what is known of the payer. */
    record Reading(List<Window> windows, Payer payer) {
    }

    /**
     * The windows of {@code keys} (EMPTY for a null key) and {@link #payer}: what a decision reads. One look-up after another
     * here; a store across the network makes them in one round trip.
     */
    default Reading read(String[] keys, String payerKey, String deviceId, Instant now) {
        List<Window> windows = new java.util.ArrayList<>(keys.length);
        for (String key : keys) {
            windows.add(window(key, now));
        }
        return new Reading(windows, payer(payerKey, deviceId));
    }

    /**
     * {@link #add} and {@link #rememberPayer} together: what a decision that lets money move writes. One after the other here;
     * a store across the network sends both at once.
     */
    default void record(String[] keys, String payerKey, Instant at, long amount, boolean small, Double latitude, Double longitude,
                        String deviceId) {
        add(keys, at, amount, small);
        rememberPayer(payerKey, at, latitude, longitude, amount, deviceId);
    }

    /** How many recent amounts a payer's median is taken over. */
    int RECENT_AMOUNTS = 20;
    /** How many devices of a payer are remembered. */
    int DEVICES = 20;
}
