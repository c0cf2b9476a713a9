package io.huitong.settlement.domain;

import io.huitong.kernel.Currencies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Converts an amount in one currency's minor units into another's, at a rate of units of {@code to} per unit of
 * {@code from} (USD→CNY 7.1234: one dollar is 7.1234 yuan). The product is exact; only the final result is rounded,
 * half-up: to the nearest minor unit, a tie away from zero, so that {@code convert(-a) == -convert(a)}. The error is
 * thus at most half a minor unit of {@code to}.
 */
public final class FxConversion {

    private FxConversion() {
    }

    /**
     * {@code amountMinor} minor units of {@code from} in minor units of {@code to}: JPY has none (yen), CNY two (fen), so
     * 100 yen at 0.048 CNY per yen is 480 fen.
     *
     * @throws IllegalArgumentException if a currency is not supported or the rate is not positive
     * @throws ArithmeticException if the result does not fit a long
     */
    public static long convert(long amountMinor, String from, String to, BigDecimal rate) {
        return convert(amountMinor, digits(from), digits(to), rate);
    }

    /** As {@link #convert(long, String, String, BigDecimal)}, with the currencies' minor-unit digits given. */
    public static long convert(long amountMinor, int fromDigits, int toDigits, BigDecimal rate) {
        Objects.requireNonNull(rate, "rate");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("an exchange rate must be positive");
        }
        if (fromDigits < 0 || toDigits < 0 || fromDigits > 4 || toDigits > 4) {
            throw new IllegalArgumentException("minor-unit digits must be between 0 and 4");
        }
        BigDecimal exact = BigDecimal.valueOf(amountMinor).multiply(rate).movePointRight(toDigits - fromDigits);
        return exact.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static int digits(String currency) {
        if (!Currencies.isSupported(currency)) {
            throw new IllegalArgumentException("not a supported currency: " + currency);
        }
        return Currencies.minorUnits(currency);
    }
}
