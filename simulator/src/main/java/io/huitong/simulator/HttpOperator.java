package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulated HTTP operators (e-CNY, the wallet operator) share: their settings and how they
 * misbehave, their own control resources on the control server, app registrations, and notifications
 * sent with retries.
 *
 * <p>Modes, checked before a request is read: {@code down} answers 503 at once (the operator shares the
 * control API's port, so it cannot refuse the connection); {@code error} (and {@code error_rate}) answers the
 * operator's own "system error, nothing done"; {@code timeout} reads the request and never answers or acts;
 * {@code late_approve} acts, then answers after {@code latency_ms} (30 s when 0). {@code latency_ms} delays
 * every other answer too.
 */
abstract class HttpOperator implements HttpParty {

    private static final Logger log = LoggerFactory.getLogger(HttpOperator.class);
    static final long LATE_ANSWER_MS = 30_000;
    private static final int MAX_BODY = 64 * 1024;
    /** Delays before each attempt of a notification: the first at once, then backing off. */
    private static final long[] NOTIFY_BACKOFF_MS = {0, 300, 1_000, 3_000};

    final ObjectMapper json = JsonMapper.builder().build();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sim-operator").factory());
    private final HttpClient notifier = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile ChannelSettings settings = ChannelSettings.HEALTHY;
    private volatile String host = "";
    private volatile int port;
    private volatile String url;

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    String url() {
        return url;
    }

    @Override
    public ChannelSettings settings() {
        return settings;
    }

    @Override
    public void settings(ChannelSettings next) {
        settings = next;
    }

    @Override
    public HttpHandler handler() {
        return this::serve;
    }

    @Override
    public void mounted(HttpServer server, String baseUrl) {
        URI base = URI.create(baseUrl);
        this.host = base.getHost().replace("[", "").replace("]", "");
        this.port = base.getPort();
        this.url = baseUrl;
        server.createContext("/control/channels/" + name() + "/", this::controlApps);
        server.createContext("/control/" + name() + "/", exchange -> {
            try (exchange) {
                control(exchange, exchange.getRequestURI().getPath().substring(("/control/" + name() + "/").length()));
            } catch (RuntimeException e) {
                log.warn("{} control: {}", name(), e.toString());
                reply(exchange, 500, Map.of("error", Map.of("message", "internal error")));
            }
        });
    }

    /** One request to the operator's own API, after the mode let it through. */
    /** An operator speaks the protocol of its name. */
    @Override
    public String protocol() {
        return name();
    }

    /** And is reached under {@code /<name>/}. */
    @Override
    public String path() {
        return "/" + name() + "/";
    }

    abstract void operate(HttpExchange exchange, byte[] body, Answer answer) throws IOException;

    /** The operator's "system error, nothing done" answer. */
    abstract void systemError(HttpExchange exchange, byte[] body) throws IOException;

    /** Registers a merchant app's public key (base64 X.509 or PEM). */
    abstract void register(String appId, String publicKey);

    /** {@code /control/{name}/...}: the operator's own control resources. */
    abstract void control(HttpExchange exchange, String rest) throws IOException;

    /** How the answer to a request goes out: now, or (late_approve) after a delay. */
    interface Answer {
        void send(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            ChannelSettings now = settings;
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            if (now.mode() == Mode.DOWN) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (now.mode() == Mode.TIMEOUT) {
                awaitClose(ChannelSettings.MAX_LATENCY_MS);
                return;
            }
            if (now.mode() != Mode.LATE_APPROVE && now.latencyMs() > 0) {
                awaitClose(now.latencyMs());
            }
            if (now.mode() == Mode.ERROR || ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
                systemError(exchange, body);
                return;
            }
            long late = now.mode() == Mode.LATE_APPROVE ? (now.latencyMs() == 0 ? LATE_ANSWER_MS : now.latencyMs()) : 0;
            operate(exchange, body, (status, headers, contentType, bytes) -> {
                if (late > 0) {
                    awaitClose(late);
                }
                headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            });
        } catch (IOException e) {
            log.debug("{}: the client went away ({})", name(), e.toString());
        } catch (RuntimeException e) {
            log.warn("{}: {}", name(), e.toString());
        }
    }

    /** Sleeps up to {@code millis}, less when the simulator stops. */
    private void awaitClose(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void controlApps(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath().substring(("/control/channels/" + name() + "/").length());
            if (!rest.startsWith("apps/") || rest.length() <= "apps/".length() || !exchange.getRequestMethod().equals("PUT")) {
                reply(exchange, 404, Map.of("error", Map.of("message", "no such resource: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath())));
                return;
            }
            String appId = rest.substring("apps/".length());
            Map<?, ?> body = readJson(exchange);
            if (body == null || !(body.get("public_key") instanceof String key)) {
                reply(exchange, 400, Map.of("error", Map.of("message", "the body must be {\"public_key\":\"<base64 X.509>\"}")));
                return;
            }
            try {
                register(appId, key);
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, Map.of("error", Map.of("message", e.getMessage())));
                return;
            }
            log.info("{}: app {} registered", name(), appId);
            reply(exchange, 200, Map.of("app_id", appId, "registered", true));
        } catch (RuntimeException e) {
            log.warn("{} control: {}", name(), e.toString());
            reply(exchange, 500, Map.of("error", Map.of("message", "internal error")));
        }
    }

    /** A control request's JSON object, or null when the body is not one. */
    Map<?, ?> readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY);
            return bytes.length == 0 ? Map.of() : json.readValue(bytes, Map.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Posts a notification in the background until {@code accepted} likes the answer, or the attempts run
     * out; {@code sent} is told of each attempt's outcome.
     */
    void notifyLater(String target, String contentType, Map<String, String> headers, String body, Predicate<String> accepted,
                     java.util.function.Consumer<Boolean> sent) {
        attempt(target, contentType, headers, body, accepted, sent, 0);
    }

    private void attempt(String target, String contentType, Map<String, String> headers, String body, Predicate<String> accepted,
                         java.util.function.Consumer<Boolean> sent, int n) {
        if (n >= NOTIFY_BACKOFF_MS.length || closed.getCount() == 0) {
            return;
        }
        scheduler.schedule(() -> Thread.ofVirtual().start(() -> {
            boolean ok = false;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                headers.forEach(request::header);
                HttpResponse<String> response = notifier.send(request.build(), HttpResponse.BodyHandlers.ofString());
                ok = response.statusCode() == 200 && accepted.test(response.body());
            } catch (IOException | IllegalArgumentException e) {
                log.info("{}: notification to {} failed: {}", name(), target, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.accept(ok);
            if (!ok) {
                attempt(target, contentType, headers, body, accepted, sent, n + 1);
            }
        }), NOTIFY_BACKOFF_MS[n], TimeUnit.MILLISECONDS);
    }

    /** Entries of a book, newest last. */
    static List<Map<String, Object>> entries(Iterable<? extends Entry> items) {
        List<Map<String, Object>> book = new ArrayList<>();
        for (Entry item : items) {
            book.add(item.entry());
        }
        return Collections.unmodifiableList(book);
    }

    interface Entry {
        Map<String, Object> entry();
    }

    /** {@code ************1234}. */
    static String mask(String account) {
        if (account == null) {
            return null;
        }
        return account.length() <= 4 ? account : "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    @Override
    public void close() {
        closed.countDown();
        scheduler.shutdownNow();
    }
}
