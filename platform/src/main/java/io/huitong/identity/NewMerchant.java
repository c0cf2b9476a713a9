package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import java.util.regex.Pattern;

/**
 * An operator's request to onboard a merchant; refuses itself with a 400 naming the field.
 * Unset settlement schedule is T1; unset fees are 3% ({@code fee_percent_bps} 300) and no fixed fee.
 */
public record NewMerchant(String name, String email, String defaultCurrency, String settlementSchedule,
                          String settlementCurrency, Integer feePercentBps, Long feeFixed) {

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
        settlementSchedule = settlementSchedule == null ? "T1" : MerchantTerms.schedule(settlementSchedule);
        settlementCurrency = settlementCurrency == null ? defaultCurrency : Currencies.require(settlementCurrency, "settlement_currency");
        feePercentBps = feePercentBps == null ? DEFAULT_FEE_PERCENT_BPS : MerchantTerms.feePercent(feePercentBps);
        feeFixed = feeFixed == null ? 0L : MerchantTerms.feeFixed(feeFixed);
    }
}
