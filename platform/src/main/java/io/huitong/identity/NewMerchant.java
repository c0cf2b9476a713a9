package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import java.util.regex.Pattern;

/**
 * An operator's request to onboard a merchant; refuses itself with a 400 naming the field.
 * Unset settlement schedule is T1; unset fees are 3% ({@code fee_percent_bps} 300) and no fixed fee.
 */
public record NewMerchant(String name, String email, String defaultCurrency, String settlementSchedule,
                          Integer feePercentBps, Long feeFixed) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    public static final int DEFAULT_FEE_PERCENT_BPS = 300;

    public NewMerchant {
        if (name == null) {
            throw ApiException.missing("name");
        }
        name = name.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.invalid("name", "name must be 1 to 200 characters");
        }
        if (email == null) {
            throw ApiException.missing("email");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.invalid("email", "email must be an email address");
        }
        Currencies.require(defaultCurrency, "default_currency");
        if (settlementSchedule == null) {
            settlementSchedule = "T1";
        } else if (!settlementSchedule.equals("T0") && !settlementSchedule.equals("T1")) {
            throw ApiException.invalid("settlement_schedule", "settlement_schedule must be T0 or T1");
        }
        if (feePercentBps == null) {
            feePercentBps = DEFAULT_FEE_PERCENT_BPS;
        } else if (feePercentBps < 0 || feePercentBps > 10_000) {
            throw ApiException.invalid("fee_percent_bps", "fee_percent_bps must be an integer from 0 to 10000 (basis points)");
        }
        if (feeFixed == null) {
            feeFixed = 0L;
        } else if (feeFixed < 0 || feeFixed > 1_000_000_00L) {
            throw ApiException.invalid("fee_fixed", "fee_fixed must be a non-negative integer in the currency's minor unit");
        }
    }
}
