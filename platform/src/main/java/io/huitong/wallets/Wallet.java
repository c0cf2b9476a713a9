package io.huitong.wallets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A consumer's wallet (docs/api.md, "Consumers and wallet"): {@code pending} is money on hold for withdrawals. {@code class} is
 * the wallet's payment-account class ({@link AccountClass}), null while no channel verified its holder; {@code allowance}
 * what the class lets it pay and transfer, null with no class.
 */
public record Wallet(String id, String object, String status, @JsonProperty("class") String accountClass, Allowance allowance,
                     List<Balance> balances) {

    public record Balance(String currency, long available, long pending) {
    }

    /**
     * What the wallet's class allows: at most {@code limit} (minor units of {@code currency}) paid from the balance and
     * transferred in its {@code period}, {@code since_opening} (class I) or the calendar {@code year} (II and III);
     * {@code used} of it, {@code remaining} left.
     */
    public record Allowance(String currency, String period, long limit, long used, long remaining) {
    }
}
