package io.huitong.kernel;

import java.util.Currency;
import java.util.Set;

/** The ISO 4217 currencies the platform accepts, and their minor units. */
public final class Currencies {

    /** Currencies accepted for money movements. Extend deliberately: each needs channel and settlement support. */
    public static final Set<String> SUPPORTED = Set.of("CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD");

    private Currencies() {
    }

    public static boolean isSupported(String code) {
        return code != null && SUPPORTED.contains(code);
    }

    /** Returns the code when it is a supported upper-case ISO 4217 code, otherwise a 400 naming {@code param}. */
    public static String require(String code, String param) {
        if (code == null) {
            throw ApiException.missing(param);
        }
        if (!isSupported(code)) {
            throw ApiException.invalid(param, param + " must be a supported ISO 4217 upper-case currency code, one of " + String.join(", ", SUPPORTED.stream().sorted().toList()));
        }
        return code;
    }

    public static int minorUnits(String code) {
        return Currency.getInstance(code).getDefaultFractionDigits();
    }
}
