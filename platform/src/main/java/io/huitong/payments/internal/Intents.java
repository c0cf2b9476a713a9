package io.huitong.payments.internal;

import io.huitong.kernel.GroupCommit;
import io.huitong.payments.domain.PaymentRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes new payments that go on to a channel, many requests' in one shared commit ({@link GroupCommit}): each
 * payment is on disk, with its idempotency key claimed, before its channel hears of it. A batch with a key used
 * before fails as a whole and its payments are written one by one, so only the repeated request meets the
 * duplicate key.
 */
final class Intents {

    private final GroupCommit<PaymentRecord, PaymentRecord> commits;

    Intents(PaymentStore store, TransactionTemplate tx) {
        this.commits = new GroupCommit<>("payment intents", GroupCommit.Writer.of(PaymentRecord::id, batch -> {
            tx.executeWithoutResult(s -> store.insertAll(batch));
            Map<String, PaymentRecord> written = new LinkedHashMap<>();
            batch.forEach(p -> written.put(p.id(), p));
            return written;
        }, payment -> {
            store.insert(payment);
            return payment;
        }), 64, 2, 8, TransactionSynchronizationManager::isActualTransactionActive);
    }

    /**
     * Writes the payment, alone or with others, or in the caller's transaction if it has one; throws
     * {@link org.springframework.dao.DuplicateKeyException} for a key used before.
     */
    void insert(PaymentRecord payment) {
        commits.submit(payment);
    }
}
