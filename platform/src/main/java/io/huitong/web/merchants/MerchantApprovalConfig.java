package io.huitong.web.merchants;

import io.huitong.approvals.ApprovalHandler;
import io.huitong.identity.MerchantTerms;
import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.settlement.SettlementBankAccount;
import io.huitong.settlement.Settlements;
import io.huitong.web.approvals.ChangeApprovals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MerchantApprovalConfig {

    /** Approved terms: in force from the next payment (fees) and the next settlement run (schedule, currency). */
    @Bean
    ApprovalHandler merchantTermsChange(Merchants merchants, ChangeApprovals changes) {
        return ChangeApprovals.handler(MerchantChanges.CHANGE_TERMS, a -> merchants.find(a.objectId()).orElse(null),
                a -> merchants.changeTerms(a.objectId(), changes.request(a, MerchantTerms.class)));
    }

    /** An approved settlement account: the next payout goes to it. The trail shows both accounts masked. */
    @Bean
    ApprovalHandler merchantBankAccountChange(Settlements settlements, ChangeApprovals changes) {
        return ChangeApprovals.handler(MerchantChanges.CHANGE_BANK_ACCOUNT, a -> settlements.bankAccount(a.objectId()).orElse(null),
                a -> settlements.setBankAccount(a.objectId(), changes.request(a, SettlementBankAccount.class)));
    }

    /** An approved unfreeze: the merchant's keys work again. */
    @Bean
    ApprovalHandler merchantUnfreeze(Merchants merchants) {
        return ChangeApprovals.handler(MerchantChanges.UNFREEZE, a -> merchants.find(a.objectId()).map(Merchant::status).orElse(null),
                a -> merchants.unfreeze(a.objectId()).status());
    }
}
