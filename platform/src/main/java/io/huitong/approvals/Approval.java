package io.huitong.approvals;

import io.huitong.identity.OperatorRole;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An action waiting for, or decided by, other operators: {@code pending} until {@code required} operators
 * other than the requester approve it ({@code approved}) or one of them rejects it ({@code rejected}).
 * {@code rejection} is that one vote, else null; {@code decidedAt} is null while pending.
 */
public record Approval(String id, String action, String objectType, String objectId, String requestedBy,
                       Set<OperatorRole> approverRoles, int required, String status, List<Vote> approvals, Vote rejection,
                       Map<String, Object> details, Instant createdAt, Instant decidedAt) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    /** One operator's approval or rejection, with their note (null when they gave none). */
    public record Vote(String operator, String note, Instant at) {
    }

    public Approval {
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        roles.addAll(approverRoles == null ? Set.of() : approverRoles);
        approverRoles = Collections.unmodifiableSet(roles);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        // details may hold nulls and keep the requester's order, which Map.copyOf would not
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
