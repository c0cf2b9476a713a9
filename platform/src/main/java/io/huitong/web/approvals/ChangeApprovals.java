package io.huitong.web.approvals;

import io.huitong.approvals.Approval;
import io.huitong.audit.AuditScope;
import io.huitong.approvals.ApprovalHandler;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.vault.Vault;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two-person control of an operator's change (docs/api.md, "Audit and approvals"): the change is checked at once (a bad one
 * is a 400 and nothing waits), then kept as a pending approval and answered with 202; it is carried out, as the
 * requester asked it, when another operator with one of the approver roles approves. The request kept is the validated
 * body of the API call, never a secret.
 */
public final class ChangeApprovals {

    /** The key of the kept request in an approval's details. */
    public static final String REQUEST = "request";
    /** The key of a kept request that holds personal or account data: sealed by the vault, shown to nobody. */
    public static final String SEALED_REQUEST = "sealed_request";

    private final Approvals approvals;
    private final JsonMapper json;
    private final JsonMapper kept;
    private final Vault vault;

    public ChangeApprovals(Approvals approvals, JsonMapper json, Vault vault) {
        this.approvals = approvals;
        this.json = json;
        this.vault = vault;
        // what was kept was written from the validated request; derived properties (a record's isEmpty()) come back too
        this.kept = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /**
     * Asks for approval of {@code action} on an object; {@code request} is what the handler will get back
     * ({@link #request(Approval, Class)}), {@code shown} what approvers see besides it.
     */
    public ResponseEntity<ApprovalView> request(ApiPrincipal caller, String action, String objectType, String objectId,
                                                Set<OperatorRole> approvers, Object request, Map<String, Object> shown) {
        Map<String, Object> details = new LinkedHashMap<>(shown);
        details.put(REQUEST, json.convertValue(request, Map.class));
        Approval approval = approvals.request(new NewApproval(action, objectType, objectId, caller.id(), approvers, 1, details));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApprovalView.of(approval));
    }

    /**
     * As {@link #request(ApiPrincipal, String, String, String, Set, Object, Map)}, for a request that holds what must not
     * be kept in clear (an account number, an ID number): it is kept sealed by the vault, bound to the action and the
     * object, and approvers see only {@code shown} (masked).
     */
    public ResponseEntity<ApprovalView> requestSealed(ApiPrincipal caller, String action, String objectType, String objectId,
                                                      Set<OperatorRole> approvers, Object request, Map<String, Object> shown) {
        Map<String, Object> details = new LinkedHashMap<>(shown);
        details.put(SEALED_REQUEST, vault.seal(json.writeValueAsString(request), sealContext(action, objectId)));
        Approval approval = approvals.request(new NewApproval(action, objectType, objectId, caller.id(), approvers, 1, details));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApprovalView.of(approval));
    }

    /** The request kept with the approval (in clear or sealed), as the type it was asked with. */
    public <T> T request(Approval approval, Class<T> type) {
        Object sealed = approval.details().get(SEALED_REQUEST);
        if (sealed instanceof String value) {
            return kept.readValue(vault.open(value, sealContext(approval.action(), approval.objectId())), type);
        }
        return kept.convertValue(approval.details().get(REQUEST), type);
    }

    private static String sealContext(String action, String objectId) {
        return "approval:" + action + ":" + objectId;
    }

    /**
     * The handler of an action whose approval carries it out and whose rejection leaves nothing to undo. The object's
     * state {@code before} and what {@code carryOut} answers go on the audit record of the approving request.
     */
    public static ApprovalHandler handler(String action, Function<Approval, Object> before, Function<Approval, Object> carryOut) {
        return new ApprovalHandler() {
            @Override
            public String action() {
                return action;
            }

            @Override
            public void approved(Approval approval) {
                AuditScope.note("before", before.apply(approval));
                AuditScope.note("after", carryOut.apply(approval));
            }

            @Override
            public void rejected(Approval approval) {
                // nothing was changed while it waited
            }
        };
    }
}
