package io.huitong.aml.domain;

/**
 * A large-value threshold: {@code cny} (fen) for CNY movements, {@code usd} (cents) for the foreign-currency
 * equivalent (Order No. 3 gives a USD figure for every rule); each side is summed on its own.
 */
public record Threshold(long cny, long usd) {

    public Threshold {
        if (cny <= 0 || usd <= 0) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
    }
}
