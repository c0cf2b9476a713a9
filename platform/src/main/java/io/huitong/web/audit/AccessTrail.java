package io.huitong.web.audit;

import io.huitong.audit.AuditScope;
import io.huitong.web.request.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who came in and who tried: operators' (and merchant users') logins, failed ones included, their second-factor enrolments and logouts go
 * on the audit trail as entries of their own (actor, action, the operator, the client address, the request id and the
 * outcome), each in a transaction of its own once the attempt is decided.
 */
@Component
public final class AccessTrail {

    /** The actor of an attempt that named no account the platform could tell. */
    public static final String ANONYMOUS = "anonymous";

    private final TransactionTemplate tx;

    AccessTrail(PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
    }

    /** Records {@code action} by {@code actor} on an operator ({@code objectId}, null when unknown), with what it came to. */
    public void record(String actor, String action, String objectId, HttpServletRequest request, Map<String, Object> detail) {
        record(actor, action, "operator", objectId, request, detail);
    }

    /** Records {@code action} by {@code actor} on an object of another kind (a merchant's user, {@code merchant_user}). */
    public void record(String actor, String action, String objectType, String objectId, HttpServletRequest request,
                       Map<String, Object> detail) {
        AuditScope scope = new AuditScope(actor, action, objectType, objectId, request.getRemoteAddr(), MDC.get(RequestIds.MDC_KEY), null);
        try (AuditScope.Opened opened = scope.open()) {
            tx.executeWithoutResult(status -> detail.forEach(AuditScope::note));
        }
    }
}
