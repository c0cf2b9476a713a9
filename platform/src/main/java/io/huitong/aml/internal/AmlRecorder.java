package io.huitong.aml.internal;

import io.huitong.aml.NewAmlTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the feed's movements with the transaction that moves the money: gathered while it runs and written with
 * one statement just before it commits, so a shared commit of many payments writes their records together. They
 * commit with the movement or not at all. Outside a transaction a movement is written at once.
 */
final class AmlRecorder {

    private final AmlService aml;

    AmlRecorder(AmlService aml) {
        this.aml = aml;
    }

    void record(NewAmlTransaction movement) {
        Gathered gathered = gathered();
        if (gathered == null) {
            aml.recordAll(List.of(movement));
        } else {
            gathered.movements.putIfAbsent(movement.sourceRef(), movement);
        }
    }

    /** This transaction's gathered movements, registered on first use; null outside a transaction or once they are written. */
    private Gathered gathered() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Gathered g && g.owner == this) {
                return g.written ? null : g;
            }
        }
        Gathered fresh = new Gathered(this);
        TransactionSynchronizationManager.registerSynchronization(fresh);
        return fresh;
    }

    private static final class Gathered implements TransactionSynchronization {

        private final AmlRecorder owner;
        private final Map<String, NewAmlTransaction> movements = new LinkedHashMap<>();
        private boolean written;

        Gathered(AmlRecorder owner) {
            this.owner = Objects.requireNonNull(owner);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            owner.aml.recordAll(new ArrayList<>(movements.values()));
        }
    }
}
