package io.huitong.web.audit;

import io.huitong.audit.AuditScope;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An operator's direct change with its object's state before and after it on the audit trail. The state before is read
 * first and goes on the action's record, which the change's own transaction writes; the state after goes on it too when
 * it is known in time, else on a follow-up record of the same action written at the end of the request. The change
 * runs exactly as it would alone (its own transactions, retries and work after commit). What is noted is what the API
 * shows of the object (its view), never a secret.
 */
public final class RecordedChanges {

    private RecordedChanges() {
    }

    /** Carries out {@code change}, noting {@code before} (read first) and its outcome as the state after. */
    public static <T> T change(Supplier<?> before, Supplier<T> change) {
        return change(before, change, Function.identity());
    }

    /** As {@link #change(Supplier, Supplier)}, noting {@code after} of the outcome (its view) rather than the outcome. */
    public static <T> T change(Supplier<?> before, Supplier<T> change, Function<? super T, ?> after) {
        AuditScope.note("before", before.get());
        T outcome = change.get();
        AuditScope.outcome("after", after.apply(outcome));
        return outcome;
    }
}
