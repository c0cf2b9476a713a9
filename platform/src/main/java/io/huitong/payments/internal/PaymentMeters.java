package io.huitong.payments.internal;

import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code huitong.payments}, counted once per payment when it reaches its outcome, tagged {@code outcome}:
 * {@code succeeded} (the money moved, or an authorization is held for capture), {@code declined} (the card, the payer
 * or risk control said no: a legitimate answer) or {@code failed} (no channel could process it: the platform's or a
 * channel's failure). The success rate the seeds set (99.95 %, legitimate declines excluded) is
 * succeeded / (succeeded + failed). Counted once the transaction that moved the payment commits.
 */
final class PaymentMeters {

    static final String NAME = "huitong.payments";

    enum Outcome { SUCCEEDED, DECLINED, FAILED }

    private static final Set<PaymentStatus> TAKEN = Set.of(PaymentStatus.SUCCEEDED, PaymentStatus.REQUIRES_CAPTURE);
    private static final String PROCESSING_ERROR = "processing_error";

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    PaymentMeters(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder(NAME).description("payments by the outcome they reached")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    /** The outcome a move from {@code before} (null for a new payment) to {@code after} reaches, or null when it reaches none. */
    static Outcome outcome(PaymentStatus before, PaymentRecord after) {
        boolean decidedBefore = before != null && (TAKEN.contains(before) || before == PaymentStatus.FAILED);
        if (decidedBefore || before == after.status()) {
            return null;
        }
        if (TAKEN.contains(after.status())) {
            return Outcome.SUCCEEDED;
        }
        if (after.status() == PaymentStatus.FAILED) {
            return PROCESSING_ERROR.equals(after.failure().code()) ? Outcome.FAILED : Outcome.DECLINED;
        }
        return null;
    }

    /** Counts the outcome the move reached, if any, once the current transaction commits (at once outside one). */
    void moved(PaymentStatus before, PaymentRecord after) {
        Outcome outcome = outcome(before, after);
        if (outcome == null) {
            return;
        }
        Counter counter = counters.get(outcome);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }
}
