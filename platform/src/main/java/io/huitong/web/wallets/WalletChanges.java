package io.huitong.web.wallets;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.Wallets;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** An operator's unfreeze of a consumer's wallet, asked for in one way through the API or the operator console. */
@Component
public class WalletChanges {

    static final String UNFREEZE = "wallet.unfreeze";

    private final Wallets wallets;
    private final ChangeApprovals changes;

    WalletChanges(Wallets wallets, ChangeApprovals changes) {
        this.wallets = wallets;
        this.changes = changes;
    }

    /**
     * 404 for an unknown wallet and 409 {@code wallet_not_frozen} for one that is not frozen, at once; otherwise the pending
     * approval, which a risk analyst or admin other than the requester approves.
     */
    public ResponseEntity<ApprovalView> unfreeze(ApiPrincipal caller, String walletId) {
        Wallet wallet = wallets.walletById(walletId);
        if (!"frozen".equals(wallet.status())) {
            throw ApiException.conflict("wallet_not_frozen", "The wallet is " + wallet.status() + ", not frozen.");
        }
        return changes.request(caller, UNFREEZE, "wallet", wallet.id(), Set.of(OperatorRole.RISK_ANALYST), Map.of(), Map.of());
    }
}
