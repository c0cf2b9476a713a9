package io.huitong.payments;

import java.util.List;

/**
 * A merchant's balance per currency (docs/api.md, "Balance"): {@code pending} is what payments brought in,
 * net of fees and refunds, not yet settled; {@code available} is settled and can be paid out.
 */
public record Balance(String object, List<Amount> available, List<Amount> pending) {

    public record Amount(String currency, long amount) {
    }
}
