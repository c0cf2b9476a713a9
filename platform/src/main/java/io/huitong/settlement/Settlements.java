package io.huitong.settlement;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;
import java.util.function.Consumer;

/** Settlements as merchants and operators read them. Another merchant's settlement is simply not found. */
public interface Settlements {

    Optional<Settlement> find(String merchantId, String settlementId);

    /** @param merchantId only this merchant's, or every merchant's when null (operators) */
    Page<Settlement> list(String merchantId, PageRequest page);

    Page<SettlementLine> lines(String settlementId, PageRequest page);

    /** Every line of a settlement in time order, one at a time from a database cursor (for statements). */
    void eachLine(String settlementId, Consumer<SettlementLine> line);

    /** The merchant's settlement bank account, masked; empty when none was set. */
    Optional<BankAccountView> bankAccount(String merchantId);

    /** Sets (or replaces) a merchant's settlement bank account: payouts made from now on go to it. */
    BankAccountView setBankAccount(String merchantId, SettlementBankAccount account);
}
