package io.huitong.kernel;

/**
 * An amount of money: an integer number of the currency's minor units (cents for CNY, yen for JPY)
 * and an ISO 4217 currency. There is no floating point anywhere near money.
 */
public record Money(long amount, String currency) {

    public Money {
        currency = Currencies.require(currency, "currency");
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public boolean isPositive() {
        return amount > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }
}
