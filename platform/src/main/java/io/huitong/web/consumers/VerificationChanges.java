package io.huitong.web.consumers;

import io.huitong.consumers.RealName;
import io.huitong.consumers.Users;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** An operator's face-to-face verification of a consumer, asked for in one way through the API or the operator console. */
@Component
public class VerificationChanges {

    static final String FACE_TO_FACE = "user.verification.face_to_face";

    private final Users users;
    private final ChangeApprovals changes;

    VerificationChanges(Users users, ChangeApprovals changes) {
        this.users = users;
        this.changes = changes;
    }

    /**
     * 404 for an unknown consumer, at once; otherwise the pending approval, which shows the identity masked and keeps it
     * sealed, and which a risk analyst or admin other than the requester approves.
     */
    public ResponseEntity<ApprovalView> faceToFace(ApiPrincipal caller, String userId, RealName identity) {
        if (users.find(userId).isEmpty()) {
            throw ApiException.notFound("user", userId);
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", RealName.maskName(identity.name()));
        shown.put("id_number", RealName.maskIdNumber(identity.idNumber()));
        return changes.requestSealed(caller, FACE_TO_FACE, "user", userId, Set.of(OperatorRole.RISK_ANALYST), identity, shown);
    }
}
