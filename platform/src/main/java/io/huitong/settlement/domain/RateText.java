package io.huitong.settlement.domain;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An exchange rate as it is written on the wire: a plain positive decimal, {@code "7.1234"}, never a float. Plain
 * means digits and at most one point, no sign, no exponent, no leading zeros ({@code "0.5"} but not {@code "00.5"}),
 * so that one rate has one spelling up to trailing zeros; at most {@value #MAX_INTEGER_DIGITS} digits before the
 * point and {@value #MAX_FRACTION_DIGITS} after it, which is what the rate's column keeps.
 */
public final class RateText {

    public static final int MAX_INTEGER_DIGITS = 12;
    public static final int MAX_FRACTION_DIGITS = 10;

    private static final Pattern PLAIN = Pattern.compile("(0|[1-9][0-9]{0," + (MAX_INTEGER_DIGITS - 1) + "})(\\.[0-9]{1,"
            + MAX_FRACTION_DIGITS + "})?");
    private static final int MAX_LENGTH = MAX_INTEGER_DIGITS + 1 + MAX_FRACTION_DIGITS;

    private RateText() {
    }

    /** The rate {@code text} spells, if it is a plain positive decimal within the limits. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || !PLAIN.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal rate = new BigDecimal(text);
        return rate.signum() > 0 ? Optional.of(rate) : Optional.empty();
    }

    /** The shortest plain spelling of a rate: {@code 7.1234000000} is {@code "7.1234"}, {@code 100} is {@code "100"}. */
    public static String format(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
