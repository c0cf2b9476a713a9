package io.huitong.payments.domain;

import java.util.Map;

/** What the merchant said about a payment: its description, metadata and the idempotency key it was created with. */
public record Intent(String description, Map<String, String> metadata, String idempotencyKey) {

    public Intent {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
