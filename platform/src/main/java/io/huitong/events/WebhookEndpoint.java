package io.huitong.events;

import java.time.Instant;
import java.util.List;

/** A merchant's webhook endpoint; its secret is not part of it (it is shown once, at creation). */
public record WebhookEndpoint(String id, String merchantId, String url, List<String> enabledEvents, String description,
                              String status, boolean livemode, Instant createdAt) {

    public static final String ENABLED = "enabled";
    public static final String DELETED = "deleted";
}
