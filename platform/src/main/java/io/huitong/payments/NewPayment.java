package io.huitong.payments;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A merchant's request to take a payment ({@code POST /v1/payments}); refuses itself with a 400 naming
 * the field. The card's own checks (Luhn, expiry, CVC) are not made here: a card that fails them is a
 * declined payment (402), not a malformed request.
 */
public record NewPayment(Long amount, String currency, PaymentMethodInput paymentMethod, String captureMethod, Boolean confirm,
                         String description, Map<String, String> metadata) {

    /** The largest amount one payment may carry, in minor units. */
    public static final long MAX_AMOUNT = 99_999_999_999L;
    static final int MAX_METADATA_KEYS = 50;
    static final int MAX_METADATA_KEY_LENGTH = 40;
    static final int MAX_METADATA_VALUE_LENGTH = 500;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    public NewPayment {
        if (amount == null) {
            throw ApiException.missing("amount");
        }
        if (amount <= 0) {
            throw ApiException.invalid("amount", "amount must be a positive integer");
        }
        if (amount > MAX_AMOUNT) {
            throw new ApiException(400, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR, "amount_too_large",
                    "amount must be at most " + MAX_AMOUNT, "amount");
        }
        Currencies.require(currency, "currency");
        if (paymentMethod == null) {
            throw ApiException.missing("payment_method");
        }
        if (captureMethod == null) {
            captureMethod = "automatic";
        } else if (!captureMethod.equals("automatic") && !captureMethod.equals("manual")) {
            throw ApiException.invalid("capture_method", "capture_method must be automatic or manual");
        }
        if (confirm == null) {
            confirm = true;
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw ApiException.invalid("description", "description must be at most 1000 characters");
        }
        metadata = checkMetadata(metadata);
    }

    static Map<String, String> checkMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw ApiException.invalid("metadata", "metadata may have at most 50 keys");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                throw ApiException.invalid("metadata", "metadata keys must be 1 to 40 characters");
            }
            if (e.getValue() == null) {
                throw ApiException.invalid("metadata." + e.getKey(), "metadata values must be strings");
            }
            if (e.getValue().length() > MAX_METADATA_VALUE_LENGTH) {
                throw ApiException.invalid("metadata." + e.getKey(), "metadata values must be at most 500 characters");
            }
        }
        return new LinkedHashMap<>(metadata);
    }

    public boolean manualCapture() {
        return captureMethod.equals("manual");
    }

    /** {@code payment_method}: the type and, for cards, the card. */
    public record PaymentMethodInput(String type, CardInput card) {

        public PaymentMethodInput {
            if (type == null) {
                throw ApiException.missing("payment_method.type");
            }
            switch (type) {
                case "card" -> {
                    if (card == null) {
                        throw ApiException.missing("payment_method.card");
                    }
                }
                case "bank_transfer", "qr", "wallet", "ecny", "payment_code" -> throw ApiException.invalid("payment_method.type",
                        "payment_method.type '" + type + "' is not offered by this platform yet; use card");
                default -> throw ApiException.invalid("payment_method.type",
                        "payment_method.type must be one of card, bank_transfer, qr, wallet, ecny, payment_code");
            }
        }
    }

    /** A card as the payer typed it. Never printed: {@link #toString()} hides the number and the CVC. */
    public record CardInput(String number, Integer expMonth, Integer expYear, String cvc) {

        public CardInput {
            if (number == null) {
                throw ApiException.missing("payment_method.card.number");
            }
            if (expMonth == null) {
                throw ApiException.missing("payment_method.card.exp_month");
            }
            if (expYear == null) {
                throw ApiException.missing("payment_method.card.exp_year");
            }
            if (cvc == null) {
                throw ApiException.missing("payment_method.card.cvc");
            }
        }

        @Override
        public String toString() {
            return "CardInput[number=<hidden>, cvc=<hidden>]";
        }
    }
}
