package io.huitong.settlement.domain;

import java.math.BigDecimal;

/**
 * The net of one settlement: what its lines add up to in their own currency, plus a negative balance carried in,
 * converted to the settlement currency when the two differ. Each amount (gross, fees, refunds, adjustments with the
 * carry) is converted on its own, rounding half-up to the settlement currency's minor unit, and the net is made of the
 * converted amounts, so that a statement adds up as printed. Only a positive net moves: a zero or negative one is
 * carried forward, in the source currency, to the next settlement.
 */
public record Netting(long gross, long fees, long refunds, long adjustments, long net, long sourceNet, long carriedForward) {

    /** The lines' totals in the source currency; {@code carriedIn} is what the last settlement carried forward (a negative net, or a positive one too small to convert). */
    public record Totals(long gross, long fees, long refunds, long adjustments, long carriedIn) {

        long net() {
            return Math.addExact(Math.subtractExact(Math.subtractExact(gross, fees), refunds), Math.addExact(adjustments, carriedIn));
        }
    }

    /**
     * Whether money moves: the merchant is paid {@link #net} in the settlement currency. Both nets must be positive: a
     * source net of zero whose converted figures round to a positive net owes the merchant nothing (and the ledger moves
     * no zero amount out of the pending balance).
     */
    public boolean pays() {
        return sourceNet > 0 && net > 0;
    }

    /**
     * @param rate units of {@code settlementCurrency} per unit of {@code sourceCurrency}; null when the two are the same
     */
    public static Netting of(Totals totals, String sourceCurrency, String settlementCurrency, BigDecimal rate) {
        long sourceNet = totals.net();
        if (sourceCurrency.equals(settlementCurrency)) {
            long carried = sourceNet > 0 ? 0 : sourceNet;
            return new Netting(totals.gross(), totals.fees(), totals.refunds(), totals.adjustments() + totals.carriedIn(), sourceNet,
                    sourceNet, carried);
        }
        if (rate == null) {
            throw new IllegalArgumentException("converting " + sourceCurrency + " to " + settlementCurrency + " needs a rate");
        }
        long gross = FxConversion.convert(totals.gross(), sourceCurrency, settlementCurrency, rate);
        long fees = FxConversion.convert(totals.fees(), sourceCurrency, settlementCurrency, rate);
        long refunds = FxConversion.convert(totals.refunds(), sourceCurrency, settlementCurrency, rate);
        long adjustments = FxConversion.convert(Math.addExact(totals.adjustments(), totals.carriedIn()), sourceCurrency,
                settlementCurrency, rate);
        long net = Math.addExact(Math.subtractExact(Math.subtractExact(gross, fees), refunds), adjustments);
        // a positive source net that rounds to nothing (or less) in the settlement currency waits for more
        long carried = sourceNet > 0 && net > 0 ? 0 : sourceNet;
        return new Netting(gross, fees, refunds, adjustments, net, sourceNet, carried);
    }
}
