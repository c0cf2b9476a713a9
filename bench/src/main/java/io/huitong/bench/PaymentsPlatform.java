package io.huitong.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform as the payments benchmark starts it on the scratch database ({@link BenchPlatform#launch}), and the calls
 * of its admin API the payments benchmarks make to a platform at any base URL.
 */
final class PaymentsPlatform {

    private PaymentsPlatform() {
    }

    static BenchPlatform start(PaymentsBench.Config config, String database) {
        return BenchPlatform.launch(config.pg(), config.jar(), database, "huitong-bench", dataDir -> config.platformOpts(),
                Map.of(
                        // every consumer signs up from this one address, faster than the public rate limits let one address
                        "HUITONG_RATE_LIMIT_PER_ADDRESS", "1000000",
                        "HUITONG_RATE_LIMIT_OVERALL", "1000000",
                        // the payment-code consumers' passwords are hashed at Argon2id's least cost: their sign-ups and
                        // logins come before the load and are not measured, and at the default cost they took most of a
                        // minute per thousand
                        "HUITONG_PASSWORD_HASHING_MEMORY_KIB", "64",
                        "HUITONG_PASSWORD_HASHING_ITERATIONS", "1"),
                Duration.ofSeconds(120));
    }

    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

    static String errorCode(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : body.length() > 80 ? body.substring(0, 80) : body;
    }

    /** Onboards the benchmark's merchant through the admin API of the platform at {@code base}; its secret key. */
    static String onboardMerchant(HttpClient http, String base, String adminKey) {
        String body = send(http, HttpRequest.newBuilder(URI.create(base + "/v1/admin/merchants"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Bench Shop\",\"email\":\"ops@bench.example\",\"default_currency\":\"CNY\"}")).build());
        Matcher m = Pattern.compile("\"secret_key\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("onboarding the bench merchant failed: " + errorCode(body));
        }
        return m.group(1);
    }

    /** {@code GET path} with the operator's key; the body, whatever the status. */
    static String adminGet(HttpClient http, String base, String adminKey, String path) {
        return send(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminKey).build());
    }

    private static String send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
