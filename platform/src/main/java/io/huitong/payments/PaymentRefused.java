package io.huitong.payments;

/**
 * Carries a {@link Refusal} out of payments to the caller that answers it. No stack trace: a refusal is an
 * outcome, not a failure, and its message is the refusal's own.
 */
public final class PaymentRefused extends RuntimeException {

    private final transient Refusal refusal;

    public PaymentRefused(Refusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public static PaymentRefused missing(String param) {
        return new PaymentRefused(Refusal.InvalidParameter.missing(param));
    }

    public static PaymentRefused invalid(String param, String message) {
        return new PaymentRefused(Refusal.InvalidParameter.invalid(param, message));
    }

    public static PaymentRefused notFound(String what, String id) {
        return new PaymentRefused(new Refusal.NotFound(what, id, "id"));
    }
}
