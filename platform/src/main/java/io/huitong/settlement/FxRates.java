package io.huitong.settlement;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.domain.RateText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Exchange rates, as an append-only history per currency pair: a rate is never changed, a new one takes over from its
 * {@code effective_at}, which may lie ahead (a scheduled rate). A rate is units of {@code quote} per one unit of
 * {@code base} (base USD, quote CNY, 7.1234: one dollar is 7.1234 yuan); convert amounts with
 * {@link io.huitong.settlement.domain.FxConversion}.
 */
public interface FxRates {

    /** A rate of the history ({@code fxr_...}); {@code createdBy} is the operator who added it. */
    record FxRate(String id, String base, String quote, BigDecimal rate, Instant effectiveAt, Instant createdAt, String createdBy) {

        /** The rate as the API writes it: plain, without trailing zeros ({@code "7.1234"}). */
        public String rateText() {
            return RateText.format(rate);
        }
    }

    /**
     * A rate to add, as the operator gives it: {@code rate} is decimal text ({@code "7.1234"}), {@code effectiveAt}
     * null for now.
     */
    record NewFxRate(String base, String quote, String rate, Instant effectiveAt) {
    }

    /**
     * The rate in force at {@code at} for converting {@code from} into {@code to}: of the pair base = {@code from},
     * quote = {@code to}, the one with the latest {@code effective_at} not after {@code at} (of two with the same
     * {@code effective_at}, the one added last). Direct pairs only: a USD→CNY rate is not inverted to convert CNY into
     * USD, nor are two rates chained; the operator adds each pair the platform converts.
     *
     * @throws IllegalArgumentException if {@code from} equals {@code to} (no rate is needed)
     */
    Optional<FxRate> rateAt(String from, String to, Instant at);

    /**
     * Adds a rate. Refused with a 400 naming the field: a currency not supported or both the same; a rate that is not
     * a plain positive decimal string within 12 digits before the point and 10 after; an {@code effective_at} more than
     * a year before now or more than a year after it.
     */
    FxRate add(NewFxRate rate, String operatorId);

    /** Rates newest first (by when they were added), of one pair, one base, one quote or all (null: any). */
    Page<FxRate> list(String base, String quote, PageRequest page);
}
