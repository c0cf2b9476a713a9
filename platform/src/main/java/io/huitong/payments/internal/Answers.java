package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentAnswer;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.RequestKey;
import io.huitong.payments.domain.Answer;
import io.huitong.payments.domain.Intent;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of requests that create payments, kept in the payment's own row: written with the outcome the request
 * answers with, and given again to a repeat of the request. A different request under the same key is refused, and
 * so is a repeat while the first is still running; a first request that died before answering leaves its payment,
 * which a repeat is then shown as it is now (the resolver settles what it was waiting for).
 */
class Answers {

    private final JsonMapper json;
    private final PaymentViews views;
    private final PaymentStore store;
    private final PaymentsProperties properties;
    private final Clock clock;

    Answers(JsonMapper json, PaymentViews views, PaymentStore store, PaymentsProperties properties, Clock clock) {
        this.json = json;
        this.views = views;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the merchant said about a payment, and the request that said it. */
    static Intent intent(NewPayment request, RequestKey key) {
        return key == null ? new Intent(request.description(), request.metadata(), null)
                : new Intent(request.description(), request.metadata(), key.key(), key.fingerprint(), key.requestId());
    }

    /** Whether requests under this key have their answers kept (a merchant's request; not another module's). */
    static boolean tracked(RequestKey key) {
        return key != null && key.requestId() != null;
    }

    /** The answer a payment created in its first state gives: due while it is processing, else given at once. */
    Answer initial(PaymentRecord payment, RequestKey key) {
        if (!tracked(key)) {
            return Answer.UNTRACKED;
        }
        return payment.status() == PaymentStatus.PROCESSING ? Answer.DUE : of(payment, views.view(payment));
    }

    /** The answer a payment, shown as {@code shown}, gives its creating request. */
    Answer of(PaymentRecord payment, Payment shown) {
        return views.refusal(payment).isPresent() ? new Answer(402, null) : new Answer(201, json.writeValueAsString(shown));
    }

    /**
     * {@code next}, a move of {@code current}, holding the answer the request that created the payment still waits for, if
     * it waits: what {@code next} shows ({@code shown}, or made now when null).
     */
    PaymentRecord answered(PaymentRecord current, PaymentRecord next, Payment shown) {
        return current.answer().due() ? next.with(of(next, shown != null ? shown : views.view(next))) : next;
    }

    /** What a request under {@code key} gets when an earlier request with the key created {@code earlier}. */
    PaymentAnswer toEarlier(PaymentRecord earlier, RequestKey key) {
        if (!tracked(key)) {
            return new PaymentAnswer.Fresh(views.answer(earlier));
        }
        String first = earlier.intent().requestFingerprint();
        if (key.fingerprint() != null && first != null && !MessageDigest.isEqual(key.fingerprint().getBytes(StandardCharsets.US_ASCII),
                first.getBytes(StandardCharsets.US_ASCII))) {
            throw new PaymentRefused(new Refusal.KeyReused());
        }
        Answer answer = earlier.answer();
        if (answer.given()) {
            Refusal refusal = views.refusal(earlier).orElse(null);
            String body = refusal == null ? store.answerBody(earlier.id()).orElse(null) : null;
            return new PaymentAnswer.Replay(answer.status(), body, refusal, earlier.intent().requestId());
        }
        if (answer.due() && earlier.createdAt().plus(properties.requestLease()).isAfter(DbTimes.now(clock))) {
            throw new PaymentRefused(new Refusal.KeyInUse());
        }
        return new PaymentAnswer.Fresh(views.answer(earlier));
    }
}
