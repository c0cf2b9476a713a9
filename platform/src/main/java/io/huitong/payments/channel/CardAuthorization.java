package io.huitong.payments.channel;

import io.huitong.kernel.Money;
import io.huitong.payments.domain.CardNumber;

/**
 * An authorization request. {@code cvc} is present only while the payer's request is being handled
 * (it is never stored); {@code authenticated} says the payer passed step-up authentication.
 * {@link #toString()} shows no card data.
 */
public record CardAuthorization(String reference, String merchantId, Money amount, CardNumber card, int expMonth, int expYear,
                                String cvc, boolean capture, boolean authenticated) {

    @Override
    public String toString() {
        return "CardAuthorization[" + reference + ", " + amount + ", " + card + (capture ? ", sale" : ", authorization")
                + (authenticated ? ", authenticated" : "") + "]";
    }
}
