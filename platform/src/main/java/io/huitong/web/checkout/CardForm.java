package io.huitong.web.checkout;

import io.huitong.payments.NewPayment;
import io.huitong.web.pages.CardExpiry;

/**
 * The card form as the payer filled it: the number with or without spaces, the expiry as {@code MM/YY} or
 * {@code MM/YYYY} (as browsers autofill {@code cc-exp}), the CVC. Whether the card is good is the acquirer's to say
 * (a number failing the Luhn check is a declined payment); this only reads the fields.
 */
final class CardForm {

    private CardForm() {
    }

    /** The card, or null when a field is missing or not in its form. */
    static NewPayment.CardInput parse(String number, String expiry, String cvc) {
        if (number == null || expiry == null || cvc == null) {
            return null;
        }
        String digits = number.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}") || !cvc.strip().matches("\\d{3,4}")) {
            return null;
        }
        CardExpiry typed = CardExpiry.read(expiry);
        if (typed == null || !typed.monthValid()) {
            return null;
        }
        return new NewPayment.CardInput(digits, typed.month(), typed.year(), cvc.strip());
    }
}
