package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;

/**
 * An operator's change of a merchant's settlement terms; a field left out keeps its value. Fees apply to
 * payments from the change on; the schedule and the settlement currency to the next settlement run.
 */
public record MerchantTerms(String settlementSchedule, String settlementCurrency, Integer feePercentBps, Long feeFixed) {

    public MerchantTerms {
        if (settlementSchedule != null) {
            schedule(settlementSchedule);
        }
        if (settlementCurrency != null) {
            Currencies.require(settlementCurrency, "settlement_currency");
        }
        if (feePercentBps != null) {
            feePercent(feePercentBps);
        }
        if (feeFixed != null) {
            feeFixed(feeFixed);
        }
    }

    static String schedule(String schedule) {
        if (!schedule.equals("T0") && !schedule.equals("T1") && !schedule.equals("T2")) {
            throw ApiException.invalid("settlement_schedule", "settlement_schedule must be T0, T1 or T2");
        }
        return schedule;
    }

    static int feePercent(int bps) {
        if (bps < 0 || bps > 10_000) {
            throw ApiException.invalid("fee_percent_bps", "fee_percent_bps must be an integer from 0 to 10000 (basis points)");
        }
        return bps;
    }

    static long feeFixed(long fee) {
        if (fee < 0 || fee > 1_000_000_00L) {
            throw ApiException.invalid("fee_fixed", "fee_fixed must be a non-negative integer in the currency's minor unit");
        }
        return fee;
    }

    /** Whether the change changes anything at all. */
    public boolean isEmpty() {
        return settlementSchedule == null && settlementCurrency == null && feePercentBps == null && feeFixed == null;
    }
}
