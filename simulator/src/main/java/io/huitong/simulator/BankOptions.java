package io.huitong.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * How the simulated bank ({@code bank}, ISO 20022) behaves beyond its mode.
 *
 * @param signingKey  the key it signs its status pushes with, shared with the platform's bank connector
 * @param settleDelay how long a transfer it accepted as pending (ACSP) takes to settle or fail
 */
public record BankOptions(String signingKey, Duration settleDelay) {

    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(1);

    public BankOptions {
        if (signingKey == null || signingKey.length() < 16) {
            throw new IllegalArgumentException("the bank's signing key has at least 16 characters");
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("the settle delay is zero or more");
        }
    }

    /** A fresh random key and the default delay: for a simulator started inside another program, which asks {@link Simulator#bankSigningKey()}. */
    public static BankOptions random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new BankOptions(HexFormat.of().formatHex(key), DEFAULT_SETTLE_DELAY);
    }

    /**
     * From {@code HUITONG_SIM_BANK_SIGNING_KEY} (a random key when unset: the platform must then be given the same one to
     * verify pushes) and {@code HUITONG_SIM_BANK_SETTLE_DELAY_MS} (default 1000).
     */
    public static BankOptions fromEnvironment(Map<String, String> env) {
        String key = env.get("HUITONG_SIM_BANK_SIGNING_KEY");
        String delay = env.get("HUITONG_SIM_BANK_SETTLE_DELAY_MS");
        Duration settle;
        try {
            settle = delay == null || delay.isBlank() ? DEFAULT_SETTLE_DELAY : Duration.ofMillis(Long.parseLong(delay.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HUITONG_SIM_BANK_SETTLE_DELAY_MS must be a whole number of milliseconds, not " + delay);
        }
        return key == null || key.isBlank() ? new BankOptions(random().signingKey(), settle) : new BankOptions(key, settle);
    }

    @Override
    public String toString() {
        return "BankOptions[settleDelay=" + settleDelay + "]";
    }
}
