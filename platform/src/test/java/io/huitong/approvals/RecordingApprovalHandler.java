package io.huitong.approvals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The handler of {@value #ACTION} in tests: records each call with what the database showed at that moment
 * inside the caller's transaction, and throws when told to. Import {@link Config} to register it.
 */
public final class RecordingApprovalHandler implements ApprovalHandler {

    public static final String ACTION = "test.action";

    /** One call: approved or rejected, the approval handed over, and the approval's stored status as the handler saw it. */
    public record Call(String kind, Approval approval, boolean inTransaction, String storedStatus) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        RecordingApprovalHandler recordingApprovalHandler(JdbcClient jdbc) {
            return new RecordingApprovalHandler(jdbc);
        }
    }

    private final JdbcClient jdbc;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<Supplier<RuntimeException>> failure = new AtomicReference<>();

    RecordingApprovalHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public void approved(Approval approval) {
        handle("approved", approval);
    }

    @Override
    public void rejected(Approval approval) {
        handle("rejected", approval);
    }

    /** Every call from now on throws what {@code failure} makes, until {@link #succeed()}. */
    public void fail(Supplier<RuntimeException> failure) {
        this.failure.set(failure);
    }

    public void succeed() {
        failure.set(null);
    }

    /** The calls that returned normally (a call that threw is not recorded), for one approval. */
    public List<Call> calls(String approvalId) {
        return calls.stream().filter(c -> c.approval().id().equals(approvalId)).toList();
    }

    private void handle(String kind, Approval approval) {
        Supplier<RuntimeException> fail = failure.get();
        if (fail != null) {
            throw fail.get();
        }
        String stored = jdbc.sql("select status from approval where id = ?").param(approval.id()).query(String.class).single();
        calls.add(new Call(kind, approval, TransactionSynchronizationManager.isActualTransactionActive(), stored));
    }
}
