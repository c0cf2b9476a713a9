package io.huitong.payments.domain;

/**
 * The merchant fee on a captured amount: {@code fee_percent_bps} basis points, rounded half up to the
 * minor unit, plus {@code fee_fixed}; never more than the amount itself. Integer arithmetic only.
 */
public final class Fees {

    private Fees() {
    }

    public static long of(long amount, int percentBps, long fixed) {
        if (amount < 0 || percentBps < 0 || percentBps > 10_000 || fixed < 0) {
            throw new IllegalArgumentException("amount and fee terms must not be negative; bps at most 10000");
        }
        long percent = Math.addExact(Math.multiplyExact(amount, (long) percentBps), 5_000) / 10_000;
        return Math.min(amount, Math.addExact(percent, fixed));
    }
}
