package io.huitong.wallets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A consumer's wallet (api.md, "Consumers and wallet"): {@code pending} is money on hold for withdrawals. */
public record Wallet(String id, String object, String status, @JsonProperty("class") String accountClass, List<Balance> balances) {

    public record Balance(String currency, long available, long pending) {
    }
}
