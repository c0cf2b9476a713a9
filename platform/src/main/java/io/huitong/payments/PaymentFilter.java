package io.huitong.payments;

import io.huitong.payments.domain.PaymentMethod;
import io.huitong.payments.domain.PaymentStatus;
import java.time.Instant;

/**
 * Filters of {@code GET /v1/payments}, each optional: {@code status}, {@code created_gte}, {@code created_lte},
 * {@code method} (payment method type), {@code amount_gte} / {@code amount_lte} (minor units), {@code card_last4},
 * and {@code reference}: the payment's id, or else exactly its description or a value of its metadata.
 */
public record PaymentFilter(String status, Instant createdGte, Instant createdLte, String method, Long amountGte, Long amountLte,
                            String cardLast4, String reference) {

    public PaymentFilter {
        if (status != null && PaymentStatus.fromWire(status).isEmpty()) {
            throw PaymentRefused.invalid("status", "status must be one of requires_confirmation, requires_action, processing,"
                    + " requires_capture, succeeded, failed, canceled");
        }
        if (method != null && PaymentMethod.fromWire(method).isEmpty()) {
            throw PaymentRefused.invalid("method", "method must be one of card, bank_transfer, ecny, qr, payment_code");
        }
        if (amountGte != null && amountGte < 0) {
            throw PaymentRefused.invalid("amount_gte", "amount_gte must be an integer amount in minor units, 0 or more");
        }
        if (amountLte != null && amountLte < 0) {
            throw PaymentRefused.invalid("amount_lte", "amount_lte must be an integer amount in minor units, 0 or more");
        }
        if (amountGte != null && amountLte != null && amountGte > amountLte) {
            throw PaymentRefused.invalid("amount_lte", "amount_lte must not be below amount_gte");
        }
        if (cardLast4 != null && !cardLast4.matches("[0-9]{4}")) {
            throw PaymentRefused.invalid("card_last4", "card_last4 must be the last four digits of a card");
        }
        if (reference != null && (reference.isEmpty() || reference.length() > 255)) {
            throw PaymentRefused.invalid("reference", "reference must be 1 to 255 characters");
        }
    }

    public PaymentFilter(String status, Instant createdGte, Instant createdLte) {
        this(status, createdGte, createdLte, null, null, null, null, null);
    }

    public static PaymentFilter none() {
        return new PaymentFilter(null, null, null);
    }
}
