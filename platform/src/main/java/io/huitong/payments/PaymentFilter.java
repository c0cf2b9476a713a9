package io.huitong.payments;

import io.huitong.payments.domain.PaymentStatus;
import java.time.Instant;

/** Filters of {@code GET /v1/payments}: {@code status}, {@code created_gte}, {@code created_lte}; each optional. */
public record PaymentFilter(String status, Instant createdGte, Instant createdLte) {

    public PaymentFilter {
        if (status != null && PaymentStatus.fromWire(status).isEmpty()) {
            throw PaymentRefused.invalid("status", "status must be one of requires_confirmation, requires_action, processing,"
                    + " requires_capture, succeeded, failed, canceled");
        }
    }

    public static PaymentFilter none() {
        return new PaymentFilter(null, null, null);
    }
}
