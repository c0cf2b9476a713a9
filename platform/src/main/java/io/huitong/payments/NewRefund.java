package io.huitong.payments;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import java.util.Set;

/** A merchant's request to refund a payment in full or in part ({@code POST /v1/refunds}). */
public record NewRefund(String payment, Long amount, String reason) {

    static final Set<String> REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

    public NewRefund {
        if (payment == null || payment.isBlank()) {
            throw ApiException.missing("payment");
        }
        if (amount != null && amount <= 0) {
            throw ApiException.invalid("amount", "amount must be a positive integer");
        }
        if (amount != null && amount > NewPayment.MAX_AMOUNT) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "amount_too_large",
                    "amount must be at most " + NewPayment.MAX_AMOUNT, "amount");
        }
        if (reason != null && !REASONS.contains(reason)) {
            throw ApiException.invalid("reason", "reason must be one of duplicate, fraudulent, requested_by_customer");
        }
    }
}
