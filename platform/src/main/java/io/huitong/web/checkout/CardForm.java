package io.huitong.web.checkout;

import io.huitong.payments.NewPayment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The card form as the payer filled it: the number with or without spaces, the expiry as {@code MM/YY} or
 * {@code MM/YYYY} (as browsers autofill {@code cc-exp}), the CVC. Whether the card is good is the acquirer's to say
 * (a number failing the Luhn check is a declined payment); this only reads the fields.
 */
final class CardForm {

    private static final Pattern EXPIRY = Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*");

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
        Matcher m = EXPIRY.matcher(expiry);
        if (!m.matches()) {
            return null;
        }
        int month = Integer.parseInt(m.group(1));
        int year = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            return null;
        }
        return new NewPayment.CardInput(digits, month, year < 100 ? 2000 + year : year, cvc.strip());
    }
}
