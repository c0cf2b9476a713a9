package io.huitong.settlement.internal;

import io.huitong.approvals.Approval;
import io.huitong.approvals.ApprovalHandler;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Money;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.settlement.Payout;
import io.huitong.settlement.Payouts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens payouts and decides them. A payout holds its amount on the merchant's available balance (a ledger hold to the
 * platform's bank account) from the moment it is opened, in the transaction of the settlement it pays; the bank's
 * settlement posts the hold, a rejection or return voids it and the money is available again. A payout at or above
 * the approval threshold waits for another operator with the finance role (two-person approval).
 */
final class PayoutService implements Payouts, ApprovalHandler {

    static final String APPROVAL_ACTION = "payout.create";

    private final PayoutStore store;
    private final BankAccounts accounts;
    private final Ledger ledger;
    private final Approvals approvals;
    private final PayoutOutcomes outcomes;
    private final Ids ids;
    private final long approvalThreshold;

    PayoutService(PayoutStore store, BankAccounts accounts, Ledger ledger, Approvals approvals, PayoutOutcomes outcomes, Ids ids,
                  long approvalThreshold) {
        this.store = store;
        this.accounts = accounts;
        this.ledger = ledger;
        this.approvals = approvals;
        this.outcomes = outcomes;
        this.ids = ids;
        this.approvalThreshold = approvalThreshold;
    }

    /**
     * Opens a payout of a settlement's net, when the merchant has a settlement bank account, in the caller's transaction.
     * One that needs no approval is {@code pending}: the settlement run sends it with the run's other payouts once it is
     * done ({@link PayoutOutcomes#sendTogether}), else the resolver does. Answers its id.
     */
    Optional<String> open(String merchantId, String settlementId, Money amount, String requestedBy, Instant now) {
        Optional<BankAccounts.Sealed> account = accounts.find(merchantId);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String id = ids.next("po");
        boolean needsApproval = amount.amount() >= approvalThreshold;
        openBankAccount(amount.currency());
        TransferResult held = ledger.createTransfer(TransferRequest.hold(id + ":hold", Accounts.available(merchantId, amount.currency()),
                Accounts.bankClearing(amount.currency()), amount, 0).withCode("payout").withReference(id));
        if (!held.succeeded()) {
            throw new IllegalStateException("ledger refused " + held.id() + ": " + held.code());
        }
        Payout payout = new Payout(id, Payout.OBJECT, merchantId, settlementId, amount.amount(), amount.currency(), account.get().view(),
                needsApproval ? "requires_approval" : "pending", null, null, null, null, now, now);
        store.insert(payout, account.get().sealedNumber(), requestedBy);
        if (needsApproval) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("merchant", merchantId);
            details.put("settlement", settlementId);
            details.put("amount", amount.amount());
            details.put("currency", amount.currency());
            details.put("bank_account", account.get().view().bankCode() + " " + account.get().view().accountNumber());
            Approval approval = approvals.request(new NewApproval(APPROVAL_ACTION, Payout.OBJECT, id, requestedBy,
                    Set.of(OperatorRole.FINANCE), 1, details));
            store.setApproval(id, approval.id());
        }
        return Optional.of(id);
    }

    /** Opens the platform's bank clearing account of the currency, if it is not open yet (outside any transaction: it retries). */
    void openBankAccount(String currency) {
        AccountResult r = ledger.createAccount(NewAccount.of(Accounts.bankClearing(currency), currency, AccountType.ASSET, "platform"));
        if (!r.succeeded()) {
            throw new IllegalStateException("opening ledger account " + r.id() + " failed: " + r.code());
        }
    }

    @Override
    public String action() {
        return APPROVAL_ACTION;
    }

    /** Approved: the payout may go to the bank; it is sent after the approval commits. */
    @Override
    public void approved(Approval approval) {
        outcomes.release(approval.objectId());
    }

    /** Rejected: the payout fails and its money is available again, with the rejection. */
    @Override
    public void rejected(Approval approval) {
        outcomes.cancel(approval.objectId());
    }

    @Override
    public Optional<Payout> find(String merchantId, String payoutId) {
        return store.find(payoutId).filter(p -> merchantId == null || p.merchant().equals(merchantId));
    }

    @Override
    public Page<Payout> list(String merchantId, PageRequest page) {
        return store.list(merchantId, page);
    }
}
