package io.huitong.risk.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Velocity in this process: per key, 12 five-minute and 24 hourly buckets (about 500 bytes). Memory is
 * bounded: past {@code maxKeys} keys, keys idle for a day are dropped, then keys idle for an hour, then any.
 */
public final class InMemoryVelocityStore implements VelocityStore {

    private final int maxKeys;
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final Map<String, PayerState> payers = new ConcurrentHashMap<>();

    public InMemoryVelocityStore(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public Window window(String key, Instant now) {
        Counters c = key == null ? null : counters.get(key);
        return c == null ? Window.EMPTY : c.window(now.getEpochSecond());
    }

    @Override
    public void add(String[] keys, Instant at, long amount, boolean small) {
        long second = at.getEpochSecond();
        for (String key : keys) {
            if (key != null) {
                counters.computeIfAbsent(key, k -> new Counters()).add(second, amount, small);
            }
        }
        if (counters.size() > maxKeys) {
            evict(counters, second, c -> c.lastSecond);
        }
    }

    @Override
    public Payer payer(String payerKey, String deviceId) {
        PayerState p = payerKey == null ? null : payers.get(payerKey);
        return p == null ? Payer.unknown() : p.view(deviceId);
    }

    @Override
    public void rememberPayer(String payerKey, Instant at, Double latitude, Double longitude, long amount, String deviceId) {
        if (payerKey == null) {
            return;
        }
        payers.computeIfAbsent(payerKey, k -> new PayerState(at)).remember(at, latitude, longitude, amount, deviceId);
        if (payers.size() > maxKeys) {
            evict(payers, at.getEpochSecond(), p -> p.lastSeen.getEpochSecond());
        }
    }

    private <T> void evict(Map<String, T> map, long nowSecond, java.util.function.ToLongFunction<T> last) {
        for (long idle : new long[] {86_400, 3_600, 0}) {
            for (Iterator<Map.Entry<String, T>> it = map.entrySet().iterator(); it.hasNext() && map.size() > maxKeys * 9L / 10; ) {
                if (nowSecond - last.applyAsLong(it.next().getValue()) >= idle) {
                    it.remove();
                }
            }
            if (map.size() <= maxKeys * 9L / 10) {
                return;
            }
        }
    }

    /** The buckets of one key. Bucket {@code i} holds the period whose number modulo the ring size is {@code i}. */
    private static final class Counters {
        final long[] smallPeriod = new long[SMALL_BUCKETS];
        final int[] smallCount = new int[SMALL_BUCKETS];
        final long[] smallSum = new long[SMALL_BUCKETS];
        final int[] smallSmall = new int[SMALL_BUCKETS];
        final long[] largePeriod = new long[LARGE_BUCKETS];
        final int[] largeCount = new int[LARGE_BUCKETS];
        final long[] largeSum = new long[LARGE_BUCKETS];
        volatile long lastSecond;

        Counters() {
            Arrays.fill(smallPeriod, -1);
            Arrays.fill(largePeriod, -1);
        }

        synchronized void add(long second, long amount, boolean small) {
            long sp = second / SMALL_BUCKET_SECONDS;
            int si = (int) (sp % SMALL_BUCKETS);
            if (smallPeriod[si] != sp) {
                smallPeriod[si] = sp;
                smallCount[si] = 0;
                smallSum[si] = 0;
                smallSmall[si] = 0;
            }
            smallCount[si]++;
            smallSum[si] += amount;
            if (small) {
                smallSmall[si]++;
            }
            long lp = second / LARGE_BUCKET_SECONDS;
            int li = (int) (lp % LARGE_BUCKETS);
            if (largePeriod[li] != lp) {
                largePeriod[li] = lp;
                largeCount[li] = 0;
                largeSum[li] = 0;
            }
            largeCount[li]++;
            largeSum[li] += amount;
            lastSecond = Math.max(lastSecond, second);
        }

        synchronized Window window(long second) {
            long sp = second / SMALL_BUCKET_SECONDS;
            int c1 = 0;
            long s1 = 0;
            int small = 0;
            for (int i = 0; i < SMALL_BUCKETS; i++) {
                long p = smallPeriod[i];
                if (p >= 0 && p <= sp && sp - p < SMALL_BUCKETS) {
                    c1 += smallCount[i];
                    s1 += smallSum[i];
                    small += smallSmall[i];
                }
            }
            long lp = second / LARGE_BUCKET_SECONDS;
            int c24 = 0;
            long s24 = 0;
            for (int i = 0; i < LARGE_BUCKETS; i++) {
                long p = largePeriod[i];
                if (p >= 0 && p <= lp && lp - p < LARGE_BUCKETS) {
                    c24 += largeCount[i];
                    s24 += largeSum[i];
                }
            }
            return new Window(c1, s1, c24, s24, small);
        }
    }

    private static final class PayerState {
        final Instant firstSeen;
        volatile Instant lastSeen;
        Double lastLatitude;
        Double lastLongitude;
        Instant lastLocatedAt;
        final long[] amounts = new long[RECENT_AMOUNTS];
        int amountCount;
        final String[] devices = new String[DEVICES];
        int deviceCount;

        PayerState(Instant firstSeen) {
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        synchronized void remember(Instant at, Double latitude, Double longitude, long amount, String deviceId) {
            lastSeen = at;
            if (latitude != null && longitude != null) {
                lastLatitude = latitude;
                lastLongitude = longitude;
                lastLocatedAt = at;
            }
            amounts[amountCount % RECENT_AMOUNTS] = amount;
            amountCount++;
            if (deviceId != null && !knows(deviceId)) {
                devices[deviceCount % DEVICES] = deviceId;
                deviceCount++;
            }
        }

        private boolean knows(String deviceId) {
            for (String d : devices) {
                if (deviceId.equals(d)) {
                    return true;
                }
            }
            return false;
        }

        synchronized Payer view(String deviceId) {
            int n = Math.min(amountCount, RECENT_AMOUNTS);
            long median = 0;
            if (n > 0) {
                long[] sorted = Arrays.copyOf(amounts, n);
                Arrays.sort(sorted);
                median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            }
            return new Payer(firstSeen, lastSeen, lastLocatedAt, lastLatitude, lastLongitude, median, deviceId != null && knows(deviceId));
        }
    }
}
