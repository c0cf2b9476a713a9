package io.huitong.aml.domain;

import io.huitong.kernel.Currencies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Foreign currencies in CNY and USD, at configured rates (CNY per one unit of the currency), exactly:
 * amounts stay in minor units and are converted with BigDecimal, rounded down, so a converted amount never
 * reaches a threshold it does not reach at the rate.
 */
public final class Rates {

    private final Map<String, BigDecimal> cnyPerUnit;

    public Rates(Map<String, BigDecimal> cnyPerUnit) {
        Map<String, BigDecimal> m = new HashMap<>();
        if (cnyPerUnit != null) {
            cnyPerUnit.forEach((k, v) -> m.put(k.toUpperCase(Locale.ROOT), v));
        }
        m.put("CNY", BigDecimal.ONE);
        this.cnyPerUnit = Map.copyOf(m);
    }

    /** {@code amount} minor units of {@code currency} in CNY minor units (fen). */
    public long toCny(long amount, String currency) {
        if ("CNY".equals(currency)) {
            return amount;
        }
        return major(amount, currency).multiply(rate(currency)).movePointRight(2).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /** {@code amount} minor units of {@code currency} in US cents. */
    public long toUsd(long amount, String currency) {
        if ("USD".equals(currency)) {
            return amount;
        }
        BigDecimal cny = major(amount, currency).multiply(rate(currency));
        return cny.divide(rate("USD"), 10, RoundingMode.DOWN).movePointRight(2).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    private static BigDecimal major(long amount, String currency) {
        return BigDecimal.valueOf(amount).movePointLeft(Currencies.minorUnits(currency));
    }

    private BigDecimal rate(String currency) {
        BigDecimal rate = cnyPerUnit.get(currency);
        if (rate == null) {
            throw new IllegalStateException("no AML rate for " + currency + " (huitong.aml.rates." + currency + ")");
        }
        return rate;
    }
}
