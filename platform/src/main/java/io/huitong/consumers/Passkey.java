package io.huitong.consumers;

import java.time.Instant;

/** A consumer's passkey as the API shows it: never the key itself. */
public record Passkey(String id, String object, String name, Instant createdAt, Instant lastUsedAt) {
}
