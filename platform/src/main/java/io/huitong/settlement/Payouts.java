package io.huitong.settlement;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** Payouts as merchants and operators read them. Another merchant's payout is simply not found. */
public interface Payouts {

    Optional<Payout> find(String merchantId, String payoutId);

    /** @param merchantId only this merchant's, or every merchant's when null (operators) */
    Page<Payout> list(String merchantId, PageRequest page);
}
