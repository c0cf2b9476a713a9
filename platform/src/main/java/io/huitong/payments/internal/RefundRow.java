package io.huitong.payments.internal;

import java.time.Instant;

/** A refund as stored. {@code status}: pending, succeeded or failed. */
record RefundRow(String id, String merchantId, String paymentId, long amount, String currency, String status, String reason,
                 String failureCode, String channel, String idempotencyKey, Instant resolveAfter, int resolveAttempts,
                 Instant createdAt, Instant updatedAt) {

    static final String PENDING = "pending";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    RefundRow settled(String newStatus, String code, Instant now) {
        return new RefundRow(id, merchantId, paymentId, amount, currency, newStatus, reason, code, channel, idempotencyKey, null,
                resolveAttempts, createdAt, now);
    }

    RefundRow resolveAt(Instant at, int attempts) {
        return new RefundRow(id, merchantId, paymentId, amount, currency, status, reason, failureCode, channel, idempotencyKey, at,
                attempts, createdAt, updatedAt);
    }
}
