package io.huitong.audit.internal;

import io.huitong.audit.AuditScope;
import io.huitong.audit.AuditTrail;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The platform's transaction manager: Spring's JDBC one, which also records the action of the thread's
 * {@link AuditScope} in the first read-write transaction that commits within it, just before that
 * transaction commits, so that an operator's change and its audit record are kept or lost together.
 */
final class AuditingTransactionManager extends JdbcTransactionManager {

    private final transient Supplier<AuditTrail> trail;

    AuditingTransactionManager(DataSource dataSource, Supplier<AuditTrail> trail) {
        super(dataSource);
        this.trail = trail;
    }

    @Override
    protected void prepareSynchronization(DefaultTransactionStatus status, TransactionDefinition definition) {
        super.prepareSynchronization(status, definition);
        AuditScope scope = AuditScope.current();
        if (scope == null || scope.recorded() || !status.isNewSynchronization() || !status.isNewTransaction() || definition.isReadOnly()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private boolean wrote;

            @Override
            public void beforeCommit(boolean readOnly) {
                if (!readOnly && !scope.recorded()) {
                    trail.get().record(scope.toRecord());
                    wrote = true;
                }
            }

            @Override
            public void afterCompletion(int outcome) {
                if (wrote && outcome == STATUS_COMMITTED) {
                    scope.markRecorded();
                }
            }
        });
    }
}
