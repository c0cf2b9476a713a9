package io.huitong.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A merchant's figures for a period ({@link InsightPeriod}), one {@link CurrencyOverview} per currency the merchant
 * took payments in during the period or the previous one. Amounts are minor units of their currency.
 *
 * @param period        which period
 * @param start         the period's first instant
 * @param end           the end of the period's last day (exclusive)
 * @param asOf          how far the figures count: now for a period still running, else {@code end}
 * @param previousStart the previous period's first instant
 * @param previousEnd   how far the previous period's figures count (as much time after {@code previousStart} as
 *                      {@code asOf} is after {@code start})
 * @param granularity   the trend's buckets: hours (today, yesterday) or days
 * @param currencies    per currency, in alphabetical order
 */
public record Overview(InsightPeriod period, Instant start, Instant end, Instant asOf, Instant previousStart, Instant previousEnd,
                       InsightPeriod.Granularity granularity, List<CurrencyOverview> currencies) {

    public Overview {
        currencies = List.copyOf(currencies);
    }

    /**
     * One currency's figures.
     *
     * @param currency  ISO 4217 code
     * @param current   the period's headline figures
     * @param previous  the previous period's, for a comparison
     * @param trend     one point per bucket of the period that has begun, zeros included, oldest first
     * @param byMethod  succeeded payments per payment method type ({@code card}, {@code bank_transfer}, {@code ecny},
     *                  {@code qr}, {@code payment_code}), largest amount first; methods with attempts only count 0
     */
    public record CurrencyOverview(String currency, Figures current, Figures previous, List<TrendPoint> trend, List<MethodFigures> byMethod) {

        public CurrencyOverview {
            Objects.requireNonNull(currency, "currency");
            trend = List.copyOf(trend);
            byMethod = List.copyOf(byMethod);
        }
    }

    /**
     * Headline figures of payments created in a period.
     *
     * @param attempted        payments created, whatever became of them
     * @param succeededCount   of those, how many succeeded
     * @param succeededAmount  what the succeeded ones received (captured), minor units
     * @param refundedAmount   what was refunded of them so far (refunds still pending included, as the payment shows),
     *                         minor units
     * @param successRate      {@code succeededCount / attempted}, 4 decimals ({@code 0.9512}); 0 when nothing was attempted
     * @param refundRate       {@code refundedAmount / succeededAmount}, 4 decimals; 0 when nothing succeeded
     */
    public record Figures(long attempted, long succeededCount, long succeededAmount, long refundedAmount, BigDecimal successRate,
                          BigDecimal refundRate) {

        public static final int RATE_SCALE = 4;

        public static Figures of(long attempted, long succeededCount, long succeededAmount, long refundedAmount) {
            return new Figures(attempted, succeededCount, succeededAmount, refundedAmount, rate(succeededCount, attempted),
                    rate(refundedAmount, succeededAmount));
        }

        public static Figures zero() {
            return of(0, 0, 0, 0);
        }

        /** {@code part / whole} rounded half-up to 4 decimals; 0 when {@code whole} is 0. */
        public static BigDecimal rate(long part, long whole) {
            if (whole == 0) {
                return BigDecimal.ZERO.setScale(RATE_SCALE);
            }
            return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP);
        }

        /** The rate in basis points (a rate of 0.9512 is 9512). */
        public static int basisPoints(BigDecimal rate) {
            return rate.movePointRight(RATE_SCALE).intValueExact();
        }
    }

    /** A trend bucket: its first instant, and the payments created in it that succeeded. */
    public record TrendPoint(Instant start, long succeededCount, long succeededAmount) {
    }

    /** A payment method's share: payments attempted with it, how many succeeded and what they received. */
    public record MethodFigures(String method, long attempted, long succeededCount, long succeededAmount) {
    }
}
