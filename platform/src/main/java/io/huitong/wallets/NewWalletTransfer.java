package io.huitong.wallets;

import io.huitong.consumers.Phones;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;

/**
 * {@code POST /v1/wallet/transfers}: money to another consumer, named by their phone number; {@code otp}, a code
 * from the consumer's authenticator app (or a recovery code), when risk control asks for one.
 */
public record NewWalletTransfer(String toPhone, Long amount, String currency, String note, io.huitong.risk.RiskContext riskContext,
                                String otp) {

    /** The same transfer, with what the request itself tells about the payer. */
    public NewWalletTransfer withRiskContext(io.huitong.risk.RiskContext context) {
        return new NewWalletTransfer(toPhone, amount, currency, note, context, otp);
    }

    @Override
    public String toString() {
        return "NewWalletTransfer[" + amount + " " + currency + "]";
    }


    public NewWalletTransfer {
        if (toPhone == null) {
            throw ApiException.missing("to_phone");
        }
        toPhone = Phones.normalize(toPhone, "to_phone");
        WalletAmounts.check(amount);
        Currencies.require(currency, "currency");
        if (note != null && note.length() > 200) {
            throw ApiException.invalid("note", "note must be at most 200 characters");
        }
    }
}
