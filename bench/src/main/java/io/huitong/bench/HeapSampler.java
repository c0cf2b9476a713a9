package io.huitong.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.huitong.bench.BenchSupport.*;

/**
 * The platform's heap, sampled through the actuator ({@code GET /actuator/metrics/jvm.memory.used?tag=area:heap} with
 * the operator key; the bench starts the platform with the metrics endpoint exposed) every few hundred milliseconds.
 */
final class HeapSampler {

    record Result(int samples, double peakMb, double maxMb) {
    }

    private static final Pattern VALUE = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.Ee+-]+)");
    private final HttpClient http;
    private final HttpRequest used;
    private final HttpRequest max;
    private final long everyMillis;
    private volatile boolean sampling;
    private Thread thread;
    private int samples;
    private double peak;
    private String failure;

    HeapSampler(HttpClient http, String base, String adminKey, long everyMillis) {
        this.http = http;
        this.used = HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                .header("Authorization", "Bearer " + adminKey).timeout(Duration.ofSeconds(5)).build();
        this.max = HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/jvm.memory.max?tag=area:heap"))
                .header("Authorization", "Bearer " + adminKey).timeout(Duration.ofSeconds(5)).build();
        this.everyMillis = everyMillis;
    }

    void start() {
        sampling = true;
        thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (sampling) {
                long t = System.nanoTime();
                double v = read(used);
                if (!Double.isNaN(v)) {
                    samples++;
                    peak = Math.max(peak, v);
                }
                long left = everyMillis - (System.nanoTime() - t) / 1_000_000;
                if (left > 0) {
                    try {
                        Thread.sleep(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    Result stop() {
        sampling = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double v = read(used);
        if (!Double.isNaN(v)) {
            samples++;
            peak = Math.max(peak, v);
        }
        if (samples == 0) {
            throw new IllegalStateException("the platform's heap could not be read from /actuator/metrics: " + failure);
        }
        return new Result(samples, peak / (1024 * 1024), read(max) / (1024 * 1024));
    }

    private double read(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = VALUE.matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                return Double.parseDouble(m.group(1));
            }
            failure = r.statusCode() + " " + compact(r.body());
        } catch (IOException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }
}
