package io.huitong.web.wallets;

import io.huitong.wallets.Wallet;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
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

    WalletAdminController(Wallets wallets) {
        this.wallets = wallets;
    }

    @PostMapping("/{id}/unfreeze")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Unfreeze a consumer's wallet (support, after checking who asks; risk analysts, after a review)")
    Wallet unfreeze(@PathVariable String id) {
        return wallets.unfreezeByOperator(id);
    }
}
