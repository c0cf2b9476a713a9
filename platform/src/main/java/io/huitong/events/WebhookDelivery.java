package io.huitong.events;

import java.time.Instant;
import java.util.List;

/**
 * The delivery of one event to one endpoint: {@code pending} until an attempt is answered with a 2xx
 * ({@code delivered}), or until retries ran out ({@code failed}), or the endpoint was deleted
 * ({@code canceled}). {@code history} lists every attempt, oldest first.
 */
public record WebhookDelivery(String id, String eventId, String eventType, String endpointId, String status, int attempts,
                              Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, Instant createdAt,
                              List<Attempt> history) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String CANCELED = "canceled";

    /** One attempt: the HTTP status the endpoint answered, or why there was none ({@code error}). */
    public record Attempt(Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }
}
