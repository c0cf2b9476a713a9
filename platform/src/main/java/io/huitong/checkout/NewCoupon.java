package io.huitong.checkout;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A merchant's request for a coupon ({@code POST /v1/coupons}); refuses itself with a 400 naming the field. Exactly one
 * of {@code amount_off} (minor units, with its {@code currency}) and {@code percent_off} (whole percent, 1 to 99).
 * The code is matched without regard to case and kept upper-case.
 */
public record NewCoupon(String code, Long amountOff, Integer percentOff, String currency, Long minimumAmount, String validFrom,
                        String validUntil, Integer maxRedemptions, Integer maxRedemptionsPerPayer) {

    static final int MAX_REDEMPTIONS = 1_000_000_000;

    public NewCoupon {
        code = normalizeCode(code);
        if (amountOff == null && percentOff == null) {
            throw ApiException.missing("amount_off");
        }
        if (amountOff != null && percentOff != null) {
            throw ApiException.invalid("percent_off", "give either amount_off or percent_off, not both");
        }
        if (amountOff != null) {
            if (amountOff <= 0 || amountOff > NewCheckoutSession.MAX_AMOUNT) {
                throw ApiException.invalid("amount_off", "amount_off must be a positive integer in minor units");
            }
            if (currency == null) {
                throw ApiException.missing("currency");
            }
        }
        if (percentOff != null && (percentOff < 1 || percentOff > 99)) {
            throw ApiException.invalid("percent_off", "percent_off must be a whole percentage from 1 to 99");
        }
        if (currency != null) {
            Currencies.require(currency, "currency");
        }
        if (minimumAmount != null && (minimumAmount < 0 || minimumAmount > NewCheckoutSession.MAX_AMOUNT)) {
            throw ApiException.invalid("minimum_amount", "minimum_amount must be a non-negative integer in minor units");
        }
        Instant from = instant(validFrom, "valid_from");
        Instant until = instant(validUntil, "valid_until");
        if (from != null && until != null && !from.isBefore(until)) {
            throw ApiException.invalid("valid_until", "valid_until must be after valid_from");
        }
        if (maxRedemptions != null && (maxRedemptions < 1 || maxRedemptions > MAX_REDEMPTIONS)) {
            throw ApiException.invalid("max_redemptions", "max_redemptions must be a positive integer");
        }
        if (maxRedemptionsPerPayer != null && (maxRedemptionsPerPayer < 1 || maxRedemptionsPerPayer > MAX_REDEMPTIONS)) {
            throw ApiException.invalid("max_redemptions_per_payer", "max_redemptions_per_payer must be a positive integer");
        }
    }

    public Instant validFromInstant() {
        return instant(validFrom, "valid_from");
    }

    public Instant validUntilInstant() {
        return instant(validUntil, "valid_until");
    }

    /** A code as payers type it: trimmed, upper-case, 1 to 64 letters, digits, '-' or '_'. */
    public static String normalizeCode(String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.missing("code");
        }
        String normalized = code.strip().toUpperCase(Locale.ROOT);
        if (!normalized.matches("[A-Z0-9_-]{1,64}")) {
            throw ApiException.invalid("code", "code must be 1 to 64 letters, digits, '-' or '_'");
        }
        return normalized;
    }

    private static Instant instant(String text, String param) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, param + " must be an RFC 3339 timestamp such as 2026-12-31T16:00:00Z");
        }
    }
}
