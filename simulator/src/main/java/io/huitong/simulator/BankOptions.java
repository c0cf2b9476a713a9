package io.huitong.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * How the simulated bank ({@code bank}, ISO 20022) behaves beyond its mode.
 *
 * @param signingKey   the key it signs its status pushes with, shared with the platform's bank connector
 * @param settleDelay  how long a transfer it accepted as pending (ACSP) takes to settle or fail
 * @param batchBooking how it books a pain.001 of several payouts that does not say ({@code BtchBookg} absent), as agreed
 *                     with its customer: true as one entry of the statement for the whole batch, false (the default) as
 *                     one entry per payout. A pain.001 that says is booked as it asks.
 */
public record BankOptions(String signingKey, Duration settleDelay, boolean batchBooking) {

    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(1);
    /** The longest settle delay the control API sets: ten minutes. */
    public static final long MAX_SETTLE_DELAY_MS = 600_000;
    /** The settle delay's field in {@code /control/channels}. */
    static final String SETTLE_DELAY_FIELD = "settle_delay_ms";

    public BankOptions {
        if (signingKey == null || signingKey.length() < 16) {
            throw new IllegalArgumentException("the bank's signing key has at least 16 characters");
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("the settle delay is zero or more");
        }
    }

    /** A bank that books a batch of payouts one entry per payout unless the pain.001 asks for batch booking. */
    public BankOptions(String signingKey, Duration settleDelay) {
        this(signingKey, settleDelay, false);
    }

    /** A fresh random key and the default delay: for a simulator started inside another program, which asks {@link Simulator#bankSigningKey()}. */
    public static BankOptions random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new BankOptions(HexFormat.of().formatHex(key), DEFAULT_SETTLE_DELAY);
    }

    /**
     * From {@code HUITONG_SIM_BANK_SIGNING_KEY} (a random key when unset: the platform must then be given the same one to
     * verify pushes), {@code HUITONG_SIM_BANK_SETTLE_DELAY_MS} (default 1000) and {@code HUITONG_SIM_BANK_BATCH_BOOKING}
     * ({@code true} or {@code false}, default false).
     */
    public static BankOptions fromEnvironment(Map<String, String> env) {
        String key = env.get("HUITONG_SIM_BANK_SIGNING_KEY");
        String delay = env.get("HUITONG_SIM_BANK_SETTLE_DELAY_MS");
        String batch = env.get("HUITONG_SIM_BANK_BATCH_BOOKING");
        Duration settle;
        try {
            settle = delay == null || delay.isBlank() ? DEFAULT_SETTLE_DELAY : Duration.ofMillis(Long.parseLong(delay.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HUITONG_SIM_BANK_SETTLE_DELAY_MS must be a whole number of milliseconds, not " + delay);
        }
        boolean batchBooking = batch != null && !batch.isBlank() && switch (batch.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("HUITONG_SIM_BANK_BATCH_BOOKING must be true or false, not " + batch);
        };
        return new BankOptions(key == null || key.isBlank() ? random().signingKey() : key, settle, batchBooking);
    }

    /** A settle delay as {@code PUT /control/channels/bank} gives it: whole milliseconds, 0 to {@value #MAX_SETTLE_DELAY_MS}. */
    static Duration settleDelay(Object millis) {
        if (!(millis instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.doubleValue() < 0
                || n.doubleValue() > MAX_SETTLE_DELAY_MS) {
            throw new IllegalArgumentException(SETTLE_DELAY_FIELD + " must be a whole number of milliseconds between 0 and " + MAX_SETTLE_DELAY_MS);
        }
        return Duration.ofMillis(n.longValue());
    }

    @Override
    public String toString() {
        return "BankOptions[settleDelay=" + settleDelay + ", batchBooking=" + batchBooking + "]";
    }
}
