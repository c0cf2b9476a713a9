package io.huitong.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The action a thread is carrying out for a person: who, what, on what, from where. The web layer opens one
 * around every state-changing operator request; the first transaction that commits data in it records the
 * action on the audit trail (in that same transaction), with whatever the code doing the work {@link #note}d
 * of the change (the object's state before, for one).
 */
public final class AuditScope {

    private static final ThreadLocal<AuditScope> CURRENT = new ThreadLocal<>();

    private final String actor;
    private String action;
    private String objectType;
    private String objectId;
    private final String ip;
    private final String requestId;
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private boolean recorded;
    /** What became known of the change after its transaction had recorded the action: for a follow-up entry. */
    private final Map<String, Object> later = new LinkedHashMap<>();

    public AuditScope(String actor, String action, String objectType, String objectId, String ip, String requestId,
                      Map<String, Object> request) {
        this.actor = actor;
        this.action = action;
        this.objectType = objectType;
        this.objectId = objectId;
        this.ip = ip;
        this.requestId = requestId;
        if (request != null && !request.isEmpty()) {
            detail.put("request", request);
        }
    }

    /** Makes this the thread's scope until the answer is closed, which puts back the one before (try-with-resources). */
    public Opened open() {
        AuditScope outer = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** An open scope; closing it ends it. */
    public interface Opened extends AutoCloseable {
        @Override
        void close();
    }

    /** The scope of this thread, or null. */
    public static AuditScope current() {
        return CURRENT.get();
    }

    /** Adds what the code doing the work knows of the change, such as {@code before}; no secrets. No-op without a scope. */
    public static void note(String key, Object value) {
        AuditScope scope = CURRENT.get();
        if (scope != null && !scope.recorded) {
            scope.detail.put(key, value);
        }
    }

    /**
     * Adds what the change came to ({@code after}): to the action's record while it is not written yet, else to a
     * follow-up record of the same action ({@link #followUp()}), which the web layer writes at the end of the request.
     * No-op without a scope.
     */
    public static void outcome(String key, Object value) {
        AuditScope scope = CURRENT.get();
        if (scope == null) {
            return;
        }
        (scope.recorded ? scope.later : scope.detail).put(key, value);
    }

    /** The record of what became known after the action was recorded, under the same actor, action and object; null when nothing did. */
    public AuditScope followUp() {
        if (later.isEmpty()) {
            return null;
        }
        AuditScope next = new AuditScope(actor, action, objectType, objectId, ip, requestId, null);
        next.detail.putAll(later);
        later.clear();
        return next;
    }

    /** Names the action and its object once the request's handler is known (its path template); ignored once recorded. */
    public void describe(String action, String objectType, String objectId) {
        if (!recorded) {
            this.action = action;
            this.objectType = objectType;
            this.objectId = objectId;
        }
    }

    public String actor() {
        return actor;
    }

    public String ip() {
        return ip;
    }

    public String requestId() {
        return requestId;
    }

    /** Whether the action is already on the trail (a later transaction of the same request does not record it again). */
    public boolean recorded() {
        return recorded;
    }

    /** Marks the action recorded: its transaction committed. */
    public void markRecorded() {
        recorded = true;
    }

    /** The record of this action as it stands. */
    public AuditRecord toRecord() {
        return new AuditRecord(actor, action, objectType, objectId, ip, requestId, new LinkedHashMap<>(detail));
    }
}
