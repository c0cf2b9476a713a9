package io.huitong.identity;

import java.time.Instant;

/** A merchant as the platform knows it. Carries no secret. */
public record Merchant(String id, String name, String email, String defaultCurrency, String settlementSchedule,
                       int feePercentBps, long feeFixed, String status, Instant createdAt) {
}
