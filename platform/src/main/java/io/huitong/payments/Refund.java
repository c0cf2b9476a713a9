package io.huitong.payments;

import java.time.Instant;

/** A refund as the API shows it (docs/api.md, "Refunds"). */
public record Refund(String id, String object, String payment, long amount, String currency, String status, String reason,
                     String failureCode, Instant createdAt) {
}
