package io.huitong.approvals;

import io.huitong.identity.OperatorRole;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An action that waits for other operators' approval, as the module that owns it asks for one. It comes
 * from code, not from a caller's JSON, so a bad value is a bug of that code: {@link IllegalArgumentException}.
 *
 * @param action        what is to be done, such as {@code payout.create}; {@code [a-z_.]{1,64}}; an
 *                      {@link ApprovalHandler} bean must carry it out
 * @param objectType    the kind of object the action is about, such as {@code payout}; {@code [a-z_.]{1,64}}
 * @param objectId      the object's id, such as {@code po_...}; 1 to 64 characters, no control characters
 * @param requestedBy   the operator id of the requester, or {@code system}: this one may never decide
 * @param approverRoles the roles that may approve or reject; {@code admin} always may (empty: admin only)
 * @param required      how many approvals, from operators other than the requester, make it approved (1 to 10)
 * @param details       what approvers are shown (amount, currency, merchant...): small (its JSON at most
 *                      {@value #MAX_DETAILS_JSON} characters), JSON-serializable, and never a secret
 */
public record NewApproval(String action, String objectType, String objectId, String requestedBy, Set<OperatorRole> approverRoles,
                          int required, Map<String, Object> details) {

    /** The longest JSON text of {@link #details} that is kept. */
    public static final int MAX_DETAILS_JSON = 8000;
    /** The most approvals one action may need: more could never gather in practice. */
    public static final int MAX_REQUIRED = 10;

    private static final Pattern NAME = Pattern.compile("[a-z_.]{1,64}");

    public NewApproval {
        if (action == null || !NAME.matcher(action).matches()) {
            throw new IllegalArgumentException("action must match [a-z_.]{1,64}: " + action);
        }
        if (objectType == null || !NAME.matcher(objectType).matches()) {
            throw new IllegalArgumentException("objectType must match [a-z_.]{1,64}: " + objectType);
        }
        requireText("objectId", objectId);
        requireText("requestedBy", requestedBy);
        if (approverRoles == null) {
            throw new IllegalArgumentException("approverRoles is required (empty: admin only)");
        }
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        roles.addAll(approverRoles);
        approverRoles = Collections.unmodifiableSet(roles);
        if (required < 1 || required > MAX_REQUIRED) {
            throw new IllegalArgumentException("required must be between 1 and " + MAX_REQUIRED + ": " + required);
        }
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 64 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must be 1 to 64 characters without control characters");
        }
    }
}
