package io.huitong.payments.internal;

import io.huitong.kernel.Money;
import io.huitong.payments.domain.RefundStatus;
import io.huitong.payments.domain.Resolution;
import java.time.Instant;

/** A refund as stored. It goes back through the channel that took the payment. */
record RefundRow(String id, String merchantId, String paymentId, Money money, RefundStatus status, String reason,
                 String failureCode, String channel, String idempotencyKey, Resolution resolution, Instant createdAt,
                 Instant updatedAt) {

    RefundRow settled(RefundStatus next, String code, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("refund " + id + " cannot move from " + status + " to " + next);
        }
        return new RefundRow(id, merchantId, paymentId, money, next, reason, code, channel, idempotencyKey, Resolution.NONE, createdAt,
                now);
    }

    RefundRow with(Resolution next) {
        return new RefundRow(id, merchantId, paymentId, money, status, reason, failureCode, channel, idempotencyKey, next, createdAt,
                updatedAt);
    }
}
