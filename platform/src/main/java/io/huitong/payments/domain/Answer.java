package io.huitong.payments.domain;

/**
 * The answer the request that created a payment got, kept so that a repeat of the request gets it again:
 * {@link #UNTRACKED} when the request carried no idempotency key; {@link #DUE} while the request has not answered
 * (the next write of the payment records its answer); otherwise the status it answered (201, or 402 for a declined
 * payment) and, for a 201, the payment as it was sent.
 */
public record Answer(Integer status, String body) {

    public static final Answer UNTRACKED = new Answer(null, null);
    public static final Answer DUE = new Answer(0, null);

    public boolean due() {
        return status != null && status == 0;
    }

    public boolean given() {
        return status != null && status != 0;
    }
}
