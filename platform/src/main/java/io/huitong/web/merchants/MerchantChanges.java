package io.huitong.web.merchants;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.Merchant;
import io.huitong.identity.MerchantTerms;
import io.huitong.identity.Merchants;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.settlement.SettlementBankAccount;
import io.huitong.settlement.Settlements;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The changes to a merchant that wait for a second operator, asked for in one way whether through the API
 * ({@link MerchantAdminController}) or the operator console: each checked at once (404 for an unknown merchant, 400 for
 * a bad value, 409 for a state that forbids it), then answered with the pending approval.
 */
@Component
public class MerchantChanges {

    static final String CHANGE_TERMS = "merchant.terms.change";
    static final String CHANGE_BANK_ACCOUNT = "merchant.bank_account.change";
    static final String UNFREEZE = "merchant.unfreeze";

    private final Merchants merchants;
    private final Settlements settlements;
    private final ChangeApprovals changes;

    MerchantChanges(Merchants merchants, Settlements settlements, ChangeApprovals changes) {
        this.merchants = merchants;
        this.settlements = settlements;
        this.changes = changes;
    }

    /** New settlement terms, approved by a finance operator; {@code terms} must name at least one. */
    public ResponseEntity<ApprovalView> terms(ApiPrincipal caller, String merchantId, MerchantTerms terms) {
        if (terms.isEmpty()) {
            throw ApiException.missing("settlement_schedule");
        }
        Merchant merchant = find(merchantId);
        return changes.request(caller, CHANGE_TERMS, "merchant", merchant.id(), Set.of(OperatorRole.FINANCE), terms,
                Map.of("merchant", merchant.name()));
    }

    /** A new settlement bank account, approved by a finance operator; the request keeps the number sealed, approvers see it masked. */
    public ResponseEntity<ApprovalView> bankAccount(ApiPrincipal caller, String merchantId, SettlementBankAccount account) {
        Merchant merchant = find(merchantId);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("merchant", merchant.name());
        shown.put("bank_account", account.masked());
        shown.put("previous", settlements.bankAccount(merchant.id()).orElse(null));
        return changes.requestSealed(caller, CHANGE_BANK_ACCOUNT, "merchant", merchant.id(), Set.of(OperatorRole.FINANCE), account, shown);
    }

    /** A frozen merchant's unfreeze, approved by a risk analyst; 409 {@code merchant_not_frozen} for one that is not frozen. */
    public ResponseEntity<ApprovalView> unfreeze(ApiPrincipal caller, String merchantId) {
        Merchant merchant = find(merchantId);
        if (!Merchant.FROZEN.equals(merchant.status())) {
            throw ApiException.conflict("merchant_not_frozen", "The merchant is " + merchant.status() + ", not frozen.");
        }
        return changes.request(caller, UNFREEZE, "merchant", merchant.id(), Set.of(OperatorRole.RISK_ANALYST), Map.of(),
                Map.of("merchant", merchant.name()));
    }

    private Merchant find(String merchantId) {
        return merchants.find(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
    }
}
