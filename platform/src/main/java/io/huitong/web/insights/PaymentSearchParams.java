package io.huitong.web.insights;

import io.huitong.insights.InvalidQuery;
import io.huitong.insights.PaymentQuery;
import io.huitong.kernel.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The payment filters of the query string ({@code status}, {@code method}, {@code amount_gte}, {@code amount_lte},
 * {@code created_gte}, {@code created_lte}, {@code reference}, {@code card_last4}) read into a {@link PaymentQuery};
 * a value that does not parse or is not allowed is a 400 {@code parameter_invalid} naming it.
 */
public final class PaymentSearchParams {

    private PaymentSearchParams() {
    }

    public static PaymentQuery query(String status, String method, String amountGte, String amountLte, String createdGte, String createdLte,
                                     String reference, String cardLast4, String startingAfter, Integer limit) {
        try {
            return new PaymentQuery(status, method, amount(amountGte, "amount_gte"), amount(amountLte, "amount_lte"),
                    timestamp(createdGte, "created_gte"), timestamp(createdLte, "created_lte"), reference, cardLast4, startingAfter,
                    limit == null ? PaymentQuery.DEFAULT_LIMIT : limit);
        } catch (InvalidQuery e) {
            throw invalid(e);
        }
    }

    public static ApiException invalid(InvalidQuery e) {
        return ApiException.invalid(e.param(), e.getMessage());
    }

    /** An amount in minor units: a whole number, 0 or more; null when not given. */
    public static Long amount(String text, String param) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(param, param + " must be an integer amount in minor units, 0 or more");
        }
    }

    /** An RFC 3339 timestamp; null when not given. */
    public static Instant timestamp(String text, String param) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, param + " must be an RFC 3339 timestamp such as 2026-01-31T00:00:00Z");
        }
    }
}
