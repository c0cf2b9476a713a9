package io.huitong.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.TestDatabases;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform process is killed ({@code kill -9}) in the middle of a stream of payments and refunds,
 * restarted, and every request is retried with its idempotency key: each payment exists once, nothing
 * stays {@code processing} past the resolver's bound, and the ledger check is balanced.
 */
class CrashRecoveryPostgresTest {

    private static final String ADMIN_KEY = "hk_admin_crash_test_8Jq2nV5xR1tY7wK3";
    private static final Duration RESOLVER_GIVE_UP = Duration.ofSeconds(8);
    private static final String[] CARDS = {"4242424242424242", "5555555555554444", "4000000000000002", "4000000000000259",
            "4000000000000267", "4000000000000119", "6200000000000005"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    record Sent(String key, String path, String body) {
    }

    @Test
    void everyRetriedRequestTakesEffectOnceAfterAKill() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.postgres()) {
            int port = freePort();
            Path dataDir = Files.createTempDirectory("huitong-crash");
            Process platform = start(db, port, dataDir);
            String base = "http://127.0.0.1:" + port;
            try {
                awaitReady(base, platform);
                String merchantKey = post(base, "/v1/admin/merchants", "Bearer " + ADMIN_KEY, null,
                        "{\"name\":\"Crash Shop\",\"email\":\"ops@crash.example\",\"default_currency\":\"CNY\"}")
                        .path("secret_key").asString();
                String auth = "Bearer " + merchantKey;

                // a stream of payments and refunds from 8 clients; the platform is killed in the middle of it
                List<Sent> sent = new ArrayList<>();
                Map<String, String> paymentsByKey = new ConcurrentHashMap<>();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger counter = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(8);
                for (int c = 0; c < 8; c++) {
                    clients.submit(() -> {
                        while (!stop.get()) {
                            int n = counter.incrementAndGet();
                            String key = "crash-pay-" + n;
                            Sent payment = new Sent(key, "/v1/payments", "{\"amount\":" + (100 + n) + ",\"currency\":\"CNY\","
                                    + "\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + CARDS[n % CARDS.length]
                                    + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}},\"metadata\":{\"n\":\"" + n + "\"}}");
                            synchronized (sent) {
                                sent.add(payment);
                            }
                            JsonNode answer = tryPost(base, payment, auth);
                            if (answer != null && "succeeded".equals(answer.path("status").asString())) {
                                paymentsByKey.put(key, answer.path("id").asString());
                                Sent refund = new Sent("crash-refund-" + n, "/v1/refunds",
                                        "{\"payment\":\"" + answer.path("id").asString() + "\",\"amount\":50}");
                                synchronized (sent) {
                                    sent.add(refund);
                                }
                                tryPost(base, refund, auth);
                            }
                        }
                        return null;
                    });
                }
                while (counter.get() < 150) {
                    Thread.sleep(20);
                }
                platform.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no graceful anything
                Thread.sleep(300);
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

                platform = start(db, port, dataDir);
                awaitReady(base, platform);

                // every request retried with its key until it has a definite answer, again from 8 clients
                Map<String, JsonNode> answers = new ConcurrentHashMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                ExecutorService retries = Executors.newFixedThreadPool(8);
                List<Future<?>> retried = new ArrayList<>();
                for (Sent s : sent) {
                    retried.add(retries.submit(() -> {
                        JsonNode answer = null;
                        while (answer == null && System.nanoTime() < deadline) {
                            answer = tryPost(base, s, auth);
                            if (answer == null) {
                                Thread.sleep(200);
                            }
                        }
                        assertThat(answer).as("a definite answer to " + s.key()).isNotNull();
                        answers.put(s.key(), answer);
                        return null;
                    }));
                }
                for (Future<?> r : retried) {
                    r.get();
                }
                retries.shutdown();

                // each payment request made exactly one payment
                List<JsonNode> payments = listAll(base, "/v1/payments", auth);
                long paymentRequests = sent.stream().filter(s -> s.path().equals("/v1/payments")).count();
                assertThat(payments).hasSize((int) paymentRequests);
                Set<String> distinct = ConcurrentHashMap.newKeySet();
                payments.forEach(p -> distinct.add(p.path("metadata").path("n").asString()));
                assertThat(distinct).hasSize((int) paymentRequests);

                // nothing stays processing past the resolver's bound
                Thread.sleep(RESOLVER_GIVE_UP.plusSeconds(4).toMillis());
                assertThat(listAll(base, "/v1/payments", auth)).noneMatch(p -> p.path("status").asString().equals("processing"));
                assertThat(listAll(base, "/v1/refunds", auth)).noneMatch(r -> r.path("status").asString().equals("pending"));

                // the ledger agrees with the payments
                JsonNode check = get(base, "/v1/admin/ledger/check", "Bearer " + ADMIN_KEY);
                assertThat(check.path("balanced").asBoolean()).as(check.toString()).isTrue();
                long received = 0;
                long refunded = 0;
                for (JsonNode p : listAll(base, "/v1/payments", auth)) {
                    received += p.path("amount_received").asLong();
                }
                for (JsonNode r : listAll(base, "/v1/refunds", auth)) {
                    refunded += r.path("status").asString().equals("succeeded") ? r.path("amount").asLong() : 0;
                }
                long fees = 0;
                for (JsonNode line : listAll(base, "/v1/balance_transactions", auth)) {
                    fees += line.path("type").asString().equals("payment_fee") ? -line.path("amount").asLong() : 0;
                }
                long pending = get(base, "/v1/balance", auth).path("pending").get(0).path("amount").asLong();
                assertThat(pending).isEqualTo(received - fees - refunded);
            } finally {
                platform.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(TestDatabases.TestDb db, int port, Path dataDir) throws IOException {
        Path log = dataDir.resolve("platform.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", mainClassPath(), "io.huitong.HuitongApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--huitong.admin-key=" + ADMIN_KEY, "--huitong.data-dir=" + dataDir,
                "--huitong.idempotency.lease=2s", "--huitong.channels.reply-timeout=500ms",
                "--huitong.payments.resolver.interval=200ms", "--huitong.payments.resolver.first-look=1s",
                "--huitong.payments.resolver.give-up-after=" + RESOLVER_GIVE_UP.toSeconds() + "s");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitReady(String base, Process platform) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(platform.isAlive()).as("the platform process is running").isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the platform did not become ready");
    }

    /** The answer when it is definite (2xx or a 4xx other than 409 in-use), null when the request must be retried. */
    private JsonNode tryPost(String base, Sent s, String auth) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + s.path())).timeout(Duration.ofSeconds(10))
                    .header("Authorization", auth).header("Content-Type", "application/json").header("Idempotency-Key", s.key())
                    .POST(HttpRequest.BodyPublishers.ofString(s.body())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 500 || r.statusCode() == 409 && r.body().contains("idempotency_key_in_use")) {
                return null;
            }
            assertThat(r.statusCode()).as(s.path() + " " + r.body()).isIn(200, 201, 400, 402, 409);
            return json.readTree(r.body());
        } catch (ConnectException | java.net.http.HttpTimeoutException e) {
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode post(String base, String path, String auth, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return json.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode get(String base, String path, String auth) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<JsonNode> listAll(String base, String path, String auth) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = get(base, path + "?limit=100" + (after == null ? "" : "&starting_after=" + after), auth);
            page.path("data").forEach(all::add);
            if (!page.path("has_more").asBoolean()) {
                return all;
            }
            after = all.getLast().path("id").asString();
        }
    }

    /** The platform as it ships: the test run's class path without the test classes. */
    private static String mainClassPath() {
        String separator = System.getProperty("path.separator");
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(separator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(java.util.stream.Collectors.joining(separator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
