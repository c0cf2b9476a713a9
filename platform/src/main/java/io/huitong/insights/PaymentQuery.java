package io.huitong.insights;

import java.time.Instant;
import java.util.List;

/**
 * Filters of a merchant's payment search and export; each optional (null: no filter). Rows come newest first (by id,
 * which sorts by creation time), {@code limit} at a time after {@code startingAfter}.
 *
 * @param status        one of {@link #STATUSES}
 * @param method        payment method type, one of {@link #METHODS}
 * @param amountGte     at least this amount, minor units
 * @param amountLte     at most this amount, minor units
 * @param createdGte    created at or after
 * @param createdLte    created at or before
 * @param reference     the payment's id ({@code pay_...}), or else the merchant's own reference: the payment's whole
 *                      description, or a value of its metadata (such as {@code {"order_id":"42"}}), exactly
 * @param cardLast4     the last four digits of the card paid with
 * @param startingAfter the id of the last payment of the page before
 * @param limit         1 to 100 (the export ignores it and the cursor: it writes every matching payment)
 */
public record PaymentQuery(String status, String method, Long amountGte, Long amountLte, Instant createdGte, Instant createdLte,
                           String reference, String cardLast4, String startingAfter, int limit) {

    /** The statuses a payment can have. */
    public static final List<String> STATUSES = List.of("requires_confirmation", "requires_action", "processing", "requires_capture",
            "succeeded", "failed", "canceled");

    /** The payment method types the payment table records. */
    public static final List<String> METHODS = List.of("card", "bank_transfer", "ecny", "qr", "payment_code");

    public static final int DEFAULT_LIMIT = 20;

    public PaymentQuery {
        status = blankToNull(status);
        method = blankToNull(method);
        reference = blankToNull(reference);
        cardLast4 = blankToNull(cardLast4);
        startingAfter = blankToNull(startingAfter);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidQuery("status", "status must be one of " + String.join(", ", STATUSES));
        }
        if (method != null && !METHODS.contains(method)) {
            throw new InvalidQuery("method", "method must be one of " + String.join(", ", METHODS));
        }
        if (amountGte != null && amountGte < 0) {
            throw new InvalidQuery("amount_gte", "amount_gte must be an integer amount in minor units, 0 or more");
        }
        if (amountLte != null && amountLte < 0) {
            throw new InvalidQuery("amount_lte", "amount_lte must be an integer amount in minor units, 0 or more");
        }
        if (amountGte != null && amountLte != null && amountGte > amountLte) {
            throw new InvalidQuery("amount_lte", "amount_lte must not be below amount_gte");
        }
        if (createdGte != null && createdLte != null && createdGte.isAfter(createdLte)) {
            throw new InvalidQuery("created_lte", "created_lte must not be before created_gte");
        }
        if (reference != null && reference.length() > 255) {
            throw new InvalidQuery("reference", "reference must be at most 255 characters");
        }
        if (cardLast4 != null && !cardLast4.matches("[0-9]{4}")) {
            throw new InvalidQuery("card_last4", "card_last4 must be the last four digits of a card");
        }
        if (startingAfter != null && (startingAfter.length() > 40 || !startingAfter.startsWith("pay_"))) {
            throw new InvalidQuery("starting_after", "starting_after must be the id of a payment");
        }
        if (limit < 1 || limit > 100) {
            throw new InvalidQuery("limit", "limit must be between 1 and 100");
        }
    }

    /** No filter: the first page of every payment. */
    public static PaymentQuery all() {
        return new PaymentQuery(null, null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public PaymentQuery withStatus(String s) {
        return new PaymentQuery(s, method, amountGte, amountLte, createdGte, createdLte, reference, cardLast4, startingAfter, limit);
    }

    public PaymentQuery withMethod(String m) {
        return new PaymentQuery(status, m, amountGte, amountLte, createdGte, createdLte, reference, cardLast4, startingAfter, limit);
    }

    public PaymentQuery withAmount(Long gte, Long lte) {
        return new PaymentQuery(status, method, gte, lte, createdGte, createdLte, reference, cardLast4, startingAfter, limit);
    }

    public PaymentQuery withCreated(Instant gte, Instant lte) {
        return new PaymentQuery(status, method, amountGte, amountLte, gte, lte, reference, cardLast4, startingAfter, limit);
    }

    public PaymentQuery withReference(String r) {
        return new PaymentQuery(status, method, amountGte, amountLte, createdGte, createdLte, r, cardLast4, startingAfter, limit);
    }

    public PaymentQuery withCardLast4(String l) {
        return new PaymentQuery(status, method, amountGte, amountLte, createdGte, createdLte, reference, l, startingAfter, limit);
    }

    /** The next page: after {@code id}, {@code n} rows. */
    public PaymentQuery page(String after, int n) {
        return new PaymentQuery(status, method, amountGte, amountLte, createdGte, createdLte, reference, cardLast4, after, n);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
