package io.huitong.wallets;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;

/** {@code POST /v1/wallet/topups}: money into the wallet from a card, through the platform's card payments. */
public record NewTopUp(Long amount, String currency, Card card, io.huitong.risk.RiskContext riskContext) {

    /** The same top-up, with what the request itself tells about the payer. */
    public NewTopUp withRiskContext(io.huitong.risk.RiskContext context) {
        return new NewTopUp(amount, currency, card, context);
    }


    public NewTopUp {
        WalletAmounts.check(amount);
        Currencies.require(currency, "currency");
        if (card == null) {
            throw ApiException.missing("card");
        }
    }

    /** The card as the consumer typed it. Never printed: {@link #toString()} hides the number and the CVC. */
    public record Card(String number, Integer expMonth, Integer expYear, String cvc) {

        public Card {
            if (number == null) {
                throw ApiException.missing("card.number");
            }
            if (expMonth == null) {
                throw ApiException.missing("card.exp_month");
            }
            if (expYear == null) {
                throw ApiException.missing("card.exp_year");
            }
            if (cvc == null) {
                throw ApiException.missing("card.cvc");
            }
        }

        @Override
        public String toString() {
            return "Card[number=<hidden>, cvc=<hidden>]";
        }
    }
}
