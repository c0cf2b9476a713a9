package io.huitong.payments.domain;

/** Card networks, told apart by the number's issuer prefix. */
public enum CardBrand {
    VISA("visa"), MASTERCARD("mastercard"), UNIONPAY("unionpay"), AMEX("amex"), JCB("jcb"), UNKNOWN("unknown");

    private final String wireName;

    CardBrand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static CardBrand of(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if (digits.charAt(0) == '4') {
            return VISA;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return MASTERCARD;
        }
        if (two == 62 || two == 81) {
            return UNIONPAY;
        }
        if (two == 34 || two == 37) {
            return AMEX;
        }
        if (four >= 3528 && four <= 3589) {
            return JCB;
        }
        return UNKNOWN;
    }

    /** American Express uses a four-digit security code; the others three. */
    int cvcLength() {
        return this == AMEX ? 4 : 3;
    }
}
