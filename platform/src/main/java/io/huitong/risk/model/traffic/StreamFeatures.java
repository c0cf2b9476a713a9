package io.huitong.risk.model.traffic;

import io.huitong.risk.model.Features;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Features} of each event of a stream, from the stream's own history: feed the events in the order
 * of their time and each gets the features as the risk engine computes them at that moment, over what came
 * before it (the event itself excluded from every count). Definitions, as {@link Features} gives them:
 * <ul>
 *   <li>median: of the payer's last {@value #MEDIAN_OF} payments;</li>
 *   <li>windows: the last hour and the last 24 hours before the event, by the payer, the device or the IP;</li>
 *   <li>small payments: under {@value #SMALL_MINOR} minor units (10.00);</li>
 *   <li>no previous payment: distance 0, minutes {@value #NO_PREVIOUS_MINUTES};</li>
 *   <li>account age: from the earlier of the payer's declared first-seen time and its first event in the stream;</li>
 *   <li>hour of day: in Asia/Shanghai.</li>
 * </ul>
 * Not thread-safe: one instance per stream.
 */
public final class StreamFeatures {

    public static final int MEDIAN_OF = 20;
    public static final long SMALL_MINOR = 1_000;
    public static final double NO_PREVIOUS_MINUTES = 1_000_000;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final Map<String, Payer> payers = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> devices = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> ips = new HashMap<>();

    private static final class Payer {
        final long firstSeen;
        final ArrayDeque<long[]> lastDay = new ArrayDeque<>(); // {millis, amountMinor}
        final long[] recent = new long[MEDIAN_OF];
        int recentCount;
        int recentNext;
        final Set<String> devices = new HashSet<>();
        long lastAt = Long.MIN_VALUE;
        double lastLatitude;
        double lastLongitude;

        Payer(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    /** The features of this event, then records it in the history. */
    public Features next(TrafficEvent e) {
        long now = e.at().toEpochMilli();
        long since = e.payerSince() == null ? now : Math.min(now, e.payerSince().toEpochMilli());
        Payer p = payers.computeIfAbsent(e.payer(), k -> new Payer(since));

        while (!p.lastDay.isEmpty() && p.lastDay.peekFirst()[0] <= now - DAY) {
            p.lastDay.pollFirst();
        }
        int countHour = 0;
        int smallHour = 0;
        long sumDay = 0;
        for (long[] past : p.lastDay) {
            sumDay += past[1];
            if (past[0] > now - HOUR) {
                countHour++;
                if (past[1] < SMALL_MINOR) {
                    smallHour++;
                }
            }
        }
        double median = median(p);
        double toMedian = median > 0 ? e.amountMinor() / median : 1.0;
        boolean newDevice = !p.devices.contains(e.device());
        double km = p.lastAt == Long.MIN_VALUE ? 0 : Place.km(p.lastLatitude, p.lastLongitude, e.latitude(), e.longitude());
        double minutes = p.lastAt == Long.MIN_VALUE ? NO_PREVIOUS_MINUTES : (now - p.lastAt) / 60_000.0;
        int deviceDay = countAndRecord(devices, e.device(), now, DAY);
        int ipHour = countAndRecord(ips, e.ip(), now, HOUR);
        boolean mismatch = !(e.cardCountry().equals(e.ipCountry()) && e.ipCountry().equals(e.country()));
        double ageDays = (now - Math.min(p.firstSeen, since)) / (double) DAY;
        int hour = e.at().atZone(ZONE).getHour();

        Features f = new Features(e.amountMinor(), toMedian, hour, countHour, sumDay, deviceDay, ipHour, newDevice, mismatch,
                km, minutes, smallHour, ageDays);

        p.lastDay.addLast(new long[] {now, e.amountMinor()});
        p.recent[p.recentNext] = e.amountMinor();
        p.recentNext = (p.recentNext + 1) % MEDIAN_OF;
        p.recentCount = Math.min(MEDIAN_OF, p.recentCount + 1);
        p.devices.add(e.device());
        p.lastAt = now;
        p.lastLatitude = e.latitude();
        p.lastLongitude = e.longitude();
        return f;
    }

    private static double median(Payer p) {
        if (p.recentCount == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(p.recent, p.recentCount);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static int countAndRecord(Map<String, ArrayDeque<Long>> windows, String key, long now, long width) {
        ArrayDeque<Long> times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - width) {
            times.pollFirst();
        }
        int count = times.size();
        times.addLast(now);
        return count;
    }
}
