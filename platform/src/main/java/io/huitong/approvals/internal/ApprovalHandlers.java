package io.huitong.approvals.internal;

import io.huitong.approvals.ApprovalHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link ApprovalHandler} beans by action. They are looked up on first use rather than injected: the
 * module owning an action usually both asks {@code Approvals} for approvals and handles them, which would
 * otherwise be a cycle of beans. Two handlers of one action fail the start ({@link #check()}).
 */
final class ApprovalHandlers {

    private final Supplier<List<ApprovalHandler>> beans;
    private volatile Map<String, ApprovalHandler> byAction;

    ApprovalHandlers(Supplier<List<ApprovalHandler>> beans) {
        this.beans = beans;
    }

    /** Indexes the handlers, failing on two for one action. */
    void check() {
        byAction();
    }

    /** The handler of this action; none is a bug of the module that asked for the approval. */
    ApprovalHandler forAction(String action) {
        ApprovalHandler handler = byAction().get(action);
        if (handler == null) {
            throw new IllegalStateException("no ApprovalHandler bean carries out the action " + action);
        }
        return handler;
    }

    private Map<String, ApprovalHandler> byAction() {
        Map<String, ApprovalHandler> indexed = byAction;
        if (indexed == null) {
            indexed = new HashMap<>();
            for (ApprovalHandler handler : beans.get()) {
                ApprovalHandler other = indexed.putIfAbsent(handler.action(), handler);
                if (other != null) {
                    throw new IllegalStateException("two ApprovalHandler beans carry out " + handler.action() + ": "
                            + other.getClass().getName() + " and " + handler.getClass().getName());
                }
            }
            byAction = Map.copyOf(indexed);
            indexed = byAction;
        }
        return indexed;
    }
}
