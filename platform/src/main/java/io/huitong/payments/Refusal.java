package io.huitong.payments;

/**
 * Why payments refused a request, as a value. Payments never speaks HTTP: the web layer turns each kind into the
 * contract's error (status, type, code). Messages are written for the API caller and never carry card data.
 */
public sealed interface Refusal {

    String code();

    String message();

    /** A parameter is missing, malformed or out of range ({@code parameter_missing}, {@code parameter_invalid}, {@code amount_too_large}). */
    record InvalidParameter(String param, String code, String message) implements Refusal {

        public static InvalidParameter missing(String param) {
            return new InvalidParameter(param, "parameter_missing", param + " is required");
        }

        public static InvalidParameter invalid(String param, String message) {
            return new InvalidParameter(param, "parameter_invalid", message);
        }

        public static InvalidParameter tooLarge(String param, String message) {
            return new InvalidParameter(param, "amount_too_large", message);
        }
    }

    /** The caller has no such object ({@code resource_missing}); another merchant's object is not found either. */
    record NotFound(String what, String id, String param) implements Refusal {

        @Override
        public String code() {
            return "resource_missing";
        }

        @Override
        public String message() {
            return "No such " + what + ": '" + id + "'";
        }
    }

    /** The object's state forbids the action ({@code payment_unexpected_state}). */
    record WrongState(String code, String message) implements Refusal {

        public static WrongState payment(String status, String action) {
            return new WrongState("payment_unexpected_state", "This payment cannot be " + action + " because it is " + status + ".");
        }
    }

    /** What declined a payment: the card's issuer or acquirer, another method's channel, or risk control. */
    enum DeclinedBy { CARD, CHANNEL, RISK }

    /**
     * The payment was declined: it exists, is {@code failed}, and is named by {@code payment} (null where no payment
     * was created). {@code param} names the field at fault when a card's own checks failed.
     */
    record Declined(DeclinedBy by, String code, String message, String param, String payment) implements Refusal {
    }

    /** A request with the same idempotency key is still being carried out ({@code idempotency_key_in_use}). */
    record KeyInUse() implements Refusal {

        @Override
        public String code() {
            return "idempotency_key_in_use";
        }

        @Override
        public String message() {
            return "A request with this Idempotency-Key is still being processed. Retry later.";
        }
    }

    /** The idempotency key was used for a different request ({@code idempotency_key_reused}). */
    record KeyReused() implements Refusal {

        @Override
        public String code() {
            return "idempotency_key_reused";
        }

        @Override
        public String message() {
            return "This Idempotency-Key was already used for a different request.";
        }
    }

    /** A channel did not answer the step; the same request may be retried ({@code channel_unavailable}). */
    record ChannelUnavailable(String message) implements Refusal {

        @Override
        public String code() {
            return "channel_unavailable";
        }
    }
}
