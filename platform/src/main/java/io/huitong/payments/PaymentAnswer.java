package io.huitong.payments;

/** What a request to create a payment gets: the payment it created, or the answer an earlier request with its key got. */
public sealed interface PaymentAnswer {

    /** The payment this request created (or found, when the request that created it can no longer answer). */
    record Fresh(Payment payment) implements PaymentAnswer {
    }

    /**
     * The first answer to the key, again: a 201 with its body as it was sent, or the refusal it got (402), under the
     * first request's id.
     */
    record Replay(int status, String body, Refusal refusal, String requestId) implements PaymentAnswer {
    }
}
