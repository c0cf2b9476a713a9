package io.huitong.web.reconciliation;

import io.huitong.events.EventLog;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.ReconciliationCompleted;
import io.huitong.reconciliation.Reconciliations;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records {@code reconciliation.completed} in the event log as the platform's own event ({@link EventLog#PLATFORM}), in
 * the transaction that completes the reconciliation, with the reconciliation as the API shows it (its counts included)
 * as {@code data.object}: kept with the other events and published to RabbitMQ (routing key
 * {@code reconciliation.completed}) for the operator's systems; delivered to no merchant.
 */
@Component
class ReconciliationEvents {

    private final EventLog events;
    private final Reconciliations reconciliations;

    ReconciliationEvents(EventLog events, Reconciliations reconciliations) {
        this.events = events;
        this.reconciliations = reconciliations;
    }

    @EventListener
    void on(ReconciliationCompleted completed) {
        Reconciliation r = reconciliations.find(completed.reconciliation())
                .orElseThrow(() -> new IllegalStateException("completed reconciliation " + completed.reconciliation() + " not found"));
        events.record(EventLog.PLATFORM, ReconciliationCompleted.TYPE, ReconciliationView.of(r));
    }
}
