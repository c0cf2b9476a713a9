package io.huitong.payments.domain;

import java.util.Map;

/**
 * What the merchant said about a payment: its description and metadata; and the request that created it: its
 * idempotency key, the keyed fingerprint of the request (null when none was taken) and the request's id.
 */
public record Intent(String description, Map<String, String> metadata, String idempotencyKey, String requestFingerprint,
                     String requestId) {

    public Intent {
        metadata = metadata == null ? Map.of() : metadata;
    }

    public Intent(String description, Map<String, String> metadata, String idempotencyKey) {
        this(description, metadata, idempotencyKey, null, null);
    }
}
