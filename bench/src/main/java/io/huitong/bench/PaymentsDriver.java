package io.huitong.bench;

import static io.huitong.bench.BenchThreads.join;

import static io.huitong.bench.PaymentsPlatform.errorCode;

import io.huitong.bench.PaymentLoads.Load;
import io.huitong.bench.PaymentsBench.Outcome;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load and its measurement, for a platform at any base URL (one node, or a load balancer in front of several):
 * {@code clients} clients each sending {@code POST /v1/payments} over a kept-alive connection of its own, as fast
 * as they are answered. {@code sequence} numbers the idempotency keys (and the cards), {@code cpu} counts the CPU
 * of a measured window.
 */
record PaymentsDriver(int clients, AtomicLong sequence, Profile cpu) {

    /**
     * Drives {@code load} at {@code base} for {@code length} as the merchant of {@code secretKey}; for a measured
     * phase, counts the CPU of PostgreSQL, of this JVM and of the processes {@code watched} (by pid) over the window.
     */
    Outcome drive(String scenario, Load load, String base, String database, String secretKey, Duration length,
                  String phase, boolean measured, long... watched) {
        URI uri = URI.create(base);
        String authorization = "Authorization: Bearer " + secretKey;
        Errors errors = new Errors();
        LongAdder succeeded = new LongAdder();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            perClient.add(null);
            int index = c;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                long[] mine = new long[1 << 16];
                int count = 0;
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                RawHttp connection = new RawHttp(uri.getHost(), uri.getPort());
                try {
                    while (System.nanoTime() < window[1]) {
                        byte[] body = load.next(window[1]);
                        if (body == null) {
                            break;
                        }
                        String idempotencyKey = "Idempotency-Key: " + phase + "-" + sequence.incrementAndGet();
                        long t0 = System.nanoTime();
                        String kind = null;
                        try {
                            RawHttp.Response response = connection.post("/v1/payments", body, authorization, idempotencyKey);
                            if (response.status() != 201 || !response.body().contains("\"status\":\"succeeded\"")) {
                                kind = response.status() + " " + errorCode(response.body());
                            }
                        } catch (IOException e) {
                            kind = e.getClass().getSimpleName();
                        }
                        long took = System.nanoTime() - t0;
                        if (kind != null) {
                            errors.add(kind);
                        } else {
                            succeeded.increment();
                        }
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, mine.length * 2);
                        }
                        mine[count++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    connection.close();
                    synchronized (perClient) {
                        perClient.set(index, Arrays.copyOf(mine, count));
                    }
                }
            }));
        }
        if (measured) {
            cpu.start(database, watched);
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + length.toNanos();
        load.begin(window[1], errors);
        start.countDown();
        join(threads);
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        String note = load.end();
        Profile.Snapshot snapshot = measured ? cpu.stop() : null;
        long[] all;
        synchronized (perClient) {
            all = perClient.stream().filter(a -> a != null).flatMapToLong(Arrays::stream).toArray();
        }
        Arrays.sort(all);
        return new Outcome(scenario, succeeded.sum(), errors.count.sum(), seconds, all, new TreeMap<>(errors.kinds), snapshot, note);
    }

    /** Errors of one phase, by kind. */
    static final class Errors {
        final LongAdder count = new LongAdder();
        final Map<String, Long> kinds = new ConcurrentHashMap<>();

        void add(String kind) {
            count.increment();
            kinds.merge(kind, 1L, Long::sum);
        }
    }
}
