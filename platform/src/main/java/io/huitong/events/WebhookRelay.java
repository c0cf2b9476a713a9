package io.huitong.events;

import io.huitong.kernel.DbTimes;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers webhooks: claims the deliveries that are due, makes one signed attempt at each (in parallel),
 * and records the outcome. Any 2xx answer is a delivery; anything else is retried with exponential
 * backoff until the retry window (at least 24 h from the event) has passed, then the delivery fails.
 * Every attempt of an event carries the same event id and body (at-least-once).
 *
 * <p>Several instances may run it at once. A claim is a short transaction that picks due rows with
 * {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2), so instances take disjoint rows without waiting
 * for each other, and leases them ({@code locked_until}, {@code lock_token}) before the lock is
 * released: the HTTP call runs outside any transaction. A crashed instance's lease runs out and the
 * delivery becomes due again. Outcomes are written only under the claim's token. (H2 locks every row
 * such a query reads, so there one claim may skip more than it needs to; an H2 database belongs to a
 * single instance anyway.)
 */
final class WebhookRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);
    private static final int MAX_ERROR_LENGTH = 255;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EventJson json;
    private final WebhookUrlPolicy urls;
    private final WebhookProperties properties;
    private final HttpClient http;

    private final WebhookSecrets secrets;

    WebhookRelay(JdbcClient jdbc, TransactionTemplate tx, Clock clock, EventJson json, WebhookUrlPolicy urls,
                 WebhookProperties properties, HttpClient http, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.json = json;
        this.urls = urls;
        this.properties = properties;
        this.http = http;
    }

    /** Never follows redirects: a redirect could lead to an address the URL policy refuses. */
    static HttpClient httpClient(WebhookProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Scheduled(fixedDelayString = "${huitong.webhooks.poll-interval:1s}", initialDelayString = "${huitong.webhooks.poll-interval:1s}")
    void poll() {
        try {
            int claimed;
            do {
                claimed = runOnce();
            } while (claimed == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Webhook relay run failed; retrying on the next run: {}", e.toString());
        }
    }

    /** Claims up to a batch of due deliveries and attempts each once; returns how many were claimed. */
    int runOnce() {
        List<Claim> claims = claim(properties.batchSize());
        if (claims.isEmpty()) {
            return 0;
        }
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Claim claim : claims) {
                attempts.submit(() -> attemptSafely(claim));
            }
        }
        return claims.size();
    }

    /** Leases up to {@code max} due deliveries to this caller. */
    List<Claim> claim(int max) {
        String token = UUID.randomUUID().toString();
        Instant now = DbTimes.now(clock);
        Integer claimed = tx.execute(s -> {
            List<String> due = jdbc.sql("select id from webhook_delivery where status = ? and next_attempt_at <= ?"
                            + " and (locked_until is null or locked_until <= ?)"
                            + " order by next_attempt_at limit ? for update skip locked")
                    .params(WebhookDelivery.PENDING, DbTimes.at(now), DbTimes.at(now), max)
                    .query(String.class)
                    .list();
            if (due.isEmpty()) {
                return 0;
            }
            return jdbc.sql("update webhook_delivery set locked_until = :until, lock_token = :token where id in (:ids)")
                    .param("until", DbTimes.at(now.plus(properties.lease())))
                    .param("token", token)
                    .param("ids", due)
                    .update();
        });
        if (claimed == null || claimed == 0) {
            return List.of();
        }
        return jdbc.sql("select d.id, d.attempts, e.id, e.type, e.data, e.created_at, w.id, w.url, w.secret, w.livemode, w.status"
                        + " from webhook_delivery d join event e on e.id = d.event_id join webhook_endpoint w on w.id = d.endpoint_id"
                        + " where d.lock_token = ? and d.status = ? order by d.next_attempt_at")
                .params(token, WebhookDelivery.PENDING)
                .query((rs, row) -> claim(rs, token))
                .list();
    }

    private void attemptSafely(Claim claim) {
        try {
            attempt(claim);
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is tried again
            log.warn("Webhook delivery {} could not be attempted: {}", claim.deliveryId(), e.toString());
        }
    }

    /** One attempt at a claimed delivery, and its outcome recorded. */
    void attempt(Claim claim) {
        if (!WebhookEndpoint.ENABLED.equals(claim.endpointStatus())) {
            cancel(claim);
            return;
        }
        Instant started = DbTimes.now(clock);
        WebhookUrlPolicy.Verdict verdict = urls.check(claim.url(), claim.livemode());
        Outcome outcome = verdict.refusal() != null
                ? Outcome.error("not sent: " + verdict.refusal())
                : send(verdict.uri(), claim);
        if (outcome == null) {
            return;
        }
        long millis = Math.max(0, Duration.between(started, DbTimes.now(clock)).toMillis());
        finish(claim, started, outcome, millis);
    }

    private Outcome send(URI uri, Claim claim) {
        String body = json.body(claim.event());
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Huitong-Webhooks/1")
                    .header(WebhookSignature.HEADER, WebhookSignature.header(claim.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return Outcome.error("not sent: the url can't be requested");
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // the answer's body is not read: it tells us nothing, and a slow one must not hold the worker
            response.body().close();
            return new Outcome(response.statusCode(), null);
        } catch (HttpConnectTimeoutException e) {
            return Outcome.error("connect timeout after " + properties.connectTimeout().toSeconds() + "s");
        } catch (HttpTimeoutException e) {
            return Outcome.error("no answer within " + properties.requestTimeout().toSeconds() + "s");
        } catch (ConnectException e) {
            return Outcome.error("connection failed");
        } catch (IOException e) {
            return Outcome.error("network error (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            // shutting down: leave the delivery to its lease, it is tried again
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void finish(Claim claim, Instant attemptedAt, Outcome outcome, long durationMs) {
        int attempts = claim.attempts() + 1;
        String status;
        Instant next = null;
        if (outcome.delivered()) {
            status = WebhookDelivery.DELIVERED;
        } else if (!attemptedAt.isBefore(claim.event().createdAt().plus(properties.retryWindow()))) {
            status = WebhookDelivery.FAILED;
        } else {
            status = WebhookDelivery.PENDING;
            next = attemptedAt.plus(properties.retryDelay(attempts));
        }
        Instant nextAttempt = next;
        boolean recorded = Boolean.TRUE.equals(tx.execute(s -> {
            jdbc.sql("insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms) values (?, ?, ?, ?, ?)")
                    .params(claim.deliveryId(), DbTimes.at(attemptedAt), outcome.statusCode(), outcome.error(), durationMs)
                    .update();
            return jdbc.sql("update webhook_delivery set status = ?, attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?,"
                            + " last_status_code = ?, last_error = ?, locked_until = null, lock_token = null"
                            + " where id = ? and lock_token = ? and status = ?")
                    .params(status, DbTimes.at(nextAttempt), DbTimes.at(attemptedAt), outcome.statusCode(), outcome.error(),
                            claim.deliveryId(), claim.token(), WebhookDelivery.PENDING)
                    .update() == 1;
        }));
        if (!recorded) {
            log.info("Webhook delivery {} changed while it was attempted (endpoint deleted or lease lost); outcome not applied",
                    claim.deliveryId());
        } else if (status.equals(WebhookDelivery.FAILED)) {
            log.warn("Webhook delivery {} of event {} to endpoint {} failed for good after {} attempts: {}",
                    claim.deliveryId(), claim.event().id(), claim.endpointId(), attempts, outcome.describe());
        } else if (status.equals(WebhookDelivery.PENDING)) {
            log.info("Webhook delivery {} of event {} to endpoint {} failed (attempt {}: {}); next attempt at {}",
                    claim.deliveryId(), claim.event().id(), claim.endpointId(), attempts, outcome.describe(), nextAttempt);
        } else {
            log.debug("Webhook delivery {} of event {} delivered (attempt {})", claim.deliveryId(), claim.event().id(), attempts);
        }
    }

    private void cancel(Claim claim) {
        jdbc.sql("update webhook_delivery set status = ?, next_attempt_at = null, locked_until = null, lock_token = null"
                        + " where id = ? and lock_token = ? and status = ?")
                .params(WebhookDelivery.CANCELED, claim.deliveryId(), claim.token(), WebhookDelivery.PENDING)
                .update();
    }

    /** Stops the HTTP client; an attempt cut short leaves its delivery to its lease. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    private Claim claim(ResultSet rs, String token) throws SQLException {
        Event event = json.event(rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant());
        return new Claim(rs.getString(1), token, rs.getInt(2), event, rs.getString(7), rs.getString(8), secrets.open(rs.getString(7), rs.getString(9)),
                rs.getBoolean(10), rs.getString(11));
    }

    /** A delivery leased to this relay, with what an attempt needs. */
    record Claim(String deliveryId, String token, int attempts, Event event, String endpointId, String url, String secret,
                 boolean livemode, String endpointStatus) {

        /** Without the secret and the event's data: a claim may end up in a log line. */
        @Override
        public String toString() {
            return "Claim[" + deliveryId + ", event " + event.id() + ", endpoint " + endpointId + ", attempts " + attempts + "]";
        }
    }

    /** What one attempt came to: the endpoint's HTTP status, or why there was none. */
    record Outcome(Integer statusCode, String error) {

        static Outcome error(String error) {
            return new Outcome(null, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
        }

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        String describe() {
            return statusCode != null ? "HTTP " + statusCode : error;
        }
    }
}
