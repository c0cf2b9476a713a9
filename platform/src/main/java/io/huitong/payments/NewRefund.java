package io.huitong.payments;

import java.util.Set;

/** A merchant's request to refund a payment in full or in part ({@code POST /v1/refunds}). */
public record NewRefund(String payment, Long amount, String reason) {

    static final Set<String> REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

    public NewRefund {
        if (payment == null || payment.isBlank()) {
            throw PaymentRefused.missing("payment");
        }
        if (amount != null && amount <= 0) {
            throw PaymentRefused.invalid("amount", "amount must be a positive integer");
        }
        if (amount != null && amount > NewPayment.MAX_AMOUNT) {
            throw new PaymentRefused(Refusal.InvalidParameter.tooLarge("amount", "amount must be at most " + NewPayment.MAX_AMOUNT));
        }
        if (reason != null && !REASONS.contains(reason)) {
            throw PaymentRefused.invalid("reason", "reason must be one of duplicate, fraudulent, requested_by_customer");
        }
    }
}
