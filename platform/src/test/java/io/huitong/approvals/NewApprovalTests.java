package io.huitong.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.identity.OperatorRole;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A request for approval comes from code: a bad one is a bug there, refused at once. */
class NewApprovalTests {

    private static NewApproval of(String action, String objectType, String objectId, String requestedBy, Set<OperatorRole> roles,
                                  int required) {
        return new NewApproval(action, objectType, objectId, requestedBy, roles, required, Map.of());
    }

    @Test
    void aWellFormedRequestKeepsCopiesOfItsCollections() {
        Map<String, Object> details = new HashMap<>();
        details.put("amount", 100);
        details.put("note", null);
        NewApproval n = new NewApproval("payout.create", "payout", "po_1", "system", Set.of(OperatorRole.FINANCE), 1, details);
        details.put("amount", 999);
        assertThat(n.details()).containsEntry("amount", 100).containsEntry("note", null);
        assertThat(new NewApproval("routing.change", "routing", "r", "op_1", Set.of(), 2, null).details()).isEmpty();
    }

    @Test
    void malformedRequestsAreRefused() {
        Set<OperatorRole> finance = Set.of(OperatorRole.FINANCE);
        for (String action : new String[] {null, "", "Payout.Create", "payout-create", "a".repeat(65), "payout.create\u0000"}) {
            assertThatThrownBy(() -> of(action, "payout", "po_1", "op_1", finance, 1)).as(action).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> of("payout.create", "Payout", "po_1", "op_1", finance, 1)).isInstanceOf(IllegalArgumentException.class);
        for (String id : new String[] {null, " ", "x".repeat(65), "po_\u0000"}) {
            assertThatThrownBy(() -> of("payout.create", "payout", id, "op_1", finance, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> of("payout.create", "payout", "po_1", id, finance, 1)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> of("payout.create", "payout", "po_1", "op_1", null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("payout.create", "payout", "po_1", "op_1", finance, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("payout.create", "payout", "po_1", "op_1", finance, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
