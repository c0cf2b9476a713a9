package io.huitong.channels;

import io.huitong.kernel.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Which payments a channel takes, and what a payment costs there. Amounts are minor units of the payment's
 * currency; {@code currencies} empty means every currency; a null limit means no limit.
 *
 * @param feeBps   the channel's percentage fee, in basis points of the amount (250 = 2.5 %)
 * @param feeFixed the channel's fixed fee per payment, in minor units
 */
public record RoutingRule(String name, boolean enabled, List<String> methods, List<String> currencies, Long minAmount, Long maxAmount,
                          int feeBps, long feeFixed) {

    /** The payment methods routing knows: cards, and the order channels' methods. */
    public static final List<String> METHODS = List.of("card", "bank_transfer", "ecny", "qr", "payment_code");

    public RoutingRule {
        methods = List.copyOf(methods);
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
    }

    /** A rule that takes every payment of these methods at no cost: what a channel gets while no routing is stored. */
    public static RoutingRule open(String name, List<String> methods) {
        return new RoutingRule(name, true, methods, List.of(), null, null, 0, 0);
    }

    /** Whether the channel takes a payment of this method and amount. */
    public boolean takes(String method, Money amount) {
        return enabled && methods.contains(method) && (currencies.isEmpty() || currencies.contains(amount.currency()))
                && (minAmount == null || amount.amount() >= minAmount) && (maxAmount == null || amount.amount() <= maxAmount);
    }

    /** What the payment costs at this channel, in minor units: the fixed fee plus the percentage, rounded half up. */
    public long fee(Money amount) {
        BigDecimal percentage = BigDecimal.valueOf(amount.amount()).multiply(BigDecimal.valueOf(feeBps))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP);
        return percentage.add(BigDecimal.valueOf(feeFixed)).longValueExact();
    }
}
