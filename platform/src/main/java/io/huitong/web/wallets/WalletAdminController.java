package io.huitong.web.wallets;

import io.huitong.approvals.ApprovalHandler;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.Wallets;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import io.huitong.web.audit.RecordedChanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' actions on consumers' wallets. */
@RestController
@RequestMapping("/v1/admin/wallets")
@Tag(name = "Wallets (operator)")
class WalletAdminController {

    private final Wallets wallets;
    private final WalletChanges walletChanges;

    WalletAdminController(Wallets wallets, WalletChanges walletChanges) {
        this.wallets = wallets;
        this.walletChanges = walletChanges;
    }

    @PostMapping("/{id}/freeze")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Freeze a consumer's wallet at once (a suspected takeover, a report): it sends no money until unfrozen",
            description = "No approval: stopping money is never the risky direction. 404 for an unknown wallet; freezing a frozen wallet "
                    + "changes nothing. Unfreezing needs another operator's approval (or the owner, proving who they are).")
    Wallet freeze(@PathVariable String id) {
        return RecordedChanges.change(() -> wallets.walletById(id).status(), () -> wallets.freezeByOperator(id));
    }

    @PostMapping("/{id}/unfreeze")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Unfreeze a consumer's wallet (support, after checking who asks; risk analysts, after a review), with another "
            + "operator's approval",
            description = "404 for an unknown wallet and 409 wallet_not_frozen for one that is not frozen, at once; otherwise 202 with a "
                    + "pending approval (action wallet.unfreeze): the wallet is active again once a risk_analyst or admin other than the "
                    + "requester approves.")
    ResponseEntity<ApprovalView> unfreeze(@PathVariable String id, ApiPrincipal caller) {
        return walletChanges.unfreeze(caller, id);
    }

    @Configuration(proxyBeanMethods = false)
    static class Approval {

        /** An approved unfreeze: the wallet can send money again. */
        @Bean
        ApprovalHandler walletUnfreeze(Wallets wallets) {
            return ChangeApprovals.handler(WalletChanges.UNFREEZE, a -> wallets.walletById(a.objectId()).status(),
                    a -> wallets.unfreezeByOperator(a.objectId()).status());
        }
    }
}
