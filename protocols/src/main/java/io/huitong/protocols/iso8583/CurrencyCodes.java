package io.huitong.protocols.iso8583;

import java.util.Currency;

/** ISO 4217 alphabetic codes (the platform's) to numeric codes (field 49) and back, from the JDK's table. */
public final class CurrencyCodes {

    private static final java.util.Map<Integer, String> BY_NUMERIC = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getNumericCode() > 0)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Currency::getNumericCode, Currency::getCurrencyCode, (a, b) -> a.compareTo(b) <= 0 ? a : b));

    private CurrencyCodes() {
    }

    /** {@code "CNY"} → {@code "156"}. */
    public static String numeric(String alpha) {
        Currency currency = Currency.getInstance(alpha);
        int code = currency.getNumericCode();
        if (code <= 0) {
            throw new IllegalArgumentException("currency " + alpha + " has no numeric code");
        }
        return String.format("%03d", code);
    }

    /** {@code "156"} → {@code "CNY"}. */
    public static String alpha(String numeric) {
        String alpha = BY_NUMERIC.get(Integer.parseInt(numeric.trim()));
        if (alpha == null) {
            throw new IllegalArgumentException("unknown ISO 4217 numeric currency code: " + numeric);
        }
        return alpha;
    }
}
