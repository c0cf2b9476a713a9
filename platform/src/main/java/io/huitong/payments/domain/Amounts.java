package io.huitong.payments.domain;

import io.huitong.kernel.Money;

/**
 * What a payment asked for and where its money stands: {@code capturable} is held by an authorization,
 * {@code received} captured, {@code refunded} given back (never more than received), {@code fee} the merchant's fee
 * on what was received. Minor units of {@code requested}'s currency.
 */
public record Amounts(Money requested, long capturable, long received, long refunded, long fee) {

    public Amounts {
        if (capturable < 0 || received < 0 || refunded < 0 || fee < 0 || refunded > received || received > requested.amount()) {
            throw new IllegalArgumentException("inconsistent payment amounts");
        }
    }

    public static Amounts of(Money requested) {
        return new Amounts(requested, 0, 0, 0, 0);
    }

    public long amount() {
        return requested.amount();
    }

    public String currency() {
        return requested.currency();
    }

    /** Authorized in full, held until captured or released. */
    public Amounts authorized() {
        return new Amounts(requested, requested.amount(), 0, 0, 0);
    }

    /** {@code received} captured with its fee; nothing held any more. */
    public Amounts captured(long received, long fee) {
        return new Amounts(requested, 0, received, 0, fee);
    }

    /** Nothing held, nothing received: released, canceled. */
    public Amounts cleared() {
        return new Amounts(requested, 0, 0, 0, 0);
    }

    /** What a new refund may still take. */
    public long refundable() {
        return received - refunded;
    }

    /** {@code delta} more refunded (negative: a refund that failed gives it back). */
    public Amounts refunding(long delta) {
        return new Amounts(requested, capturable, received, refunded + delta, fee);
    }
}
