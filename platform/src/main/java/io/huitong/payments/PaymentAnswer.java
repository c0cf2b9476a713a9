package io.huitong.payments;

/** What a request to create a payment gets: the payment it created, or the answer an earlier request with its key got. */
public sealed interface PaymentAnswer {

    /**
     * The payment this request created (or found, when the request that created it can no longer answer); {@code body}
     * is the answer as it was kept for repeats of the request (null when none was kept), to be sent as it is.
     */
    record Fresh(Payment payment, String body) implements PaymentAnswer {

        public Fresh(Payment payment) {
            this(payment, null);
        }
    }

    /**
     * The first answer to the key, again: a 201 with its body as it was sent, or the refusal it got (402), under the
     * first request's id.
     */
    record Replay(int status, String body, Refusal refusal, String requestId) implements PaymentAnswer {
    }
}
