package io.huitong.approvals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.approvals.Approval;
import io.huitong.approvals.ApprovalHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalHandlersTests {

    private static ApprovalHandler handling(String action) {
        return new ApprovalHandler() {
            @Override
            public String action() {
                return action;
            }

            @Override
            public void approved(Approval approval) {
            }

            @Override
            public void rejected(Approval approval) {
            }
        };
    }

    @Test
    void eachActionFindsItsHandler() {
        ApprovalHandler payouts = handling("payout.create");
        ApprovalHandlers handlers = new ApprovalHandlers(() -> List.of(payouts, handling("write_off.post")));
        handlers.check();
        assertThat(handlers.forAction("payout.create")).isSameAs(payouts);
        assertThatThrownBy(() -> handlers.forAction("key.rotate")).isInstanceOf(IllegalStateException.class).hasMessageContaining("key.rotate");
    }

    @Test
    void twoHandlersOfOneActionStopTheStart() {
        ApprovalHandlers handlers = new ApprovalHandlers(() -> List.of(handling("payout.create"), handling("payout.create")));
        assertThatThrownBy(handlers::check).isInstanceOf(IllegalStateException.class).hasMessageContaining("payout.create");
    }
}
