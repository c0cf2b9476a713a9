/**
 * Clearing and settlement (清算结算): the platform's business-day calendar (Asia/Shanghai, holidays and
 * make-up working days), exchange rates, merchants' settlement terms, settlement runs that net what each
 * merchant is due on the ledger, and payouts of the net to the merchant's bank account through the bank
 * channel. The rules that need neither Spring nor SQL are in {@code domain}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Settlement",
        allowedDependencies = {"kernel", "ledger", "identity", "vault", "events", "approvals", "reports", "aml", "wallets"})
package io.huitong.settlement;
