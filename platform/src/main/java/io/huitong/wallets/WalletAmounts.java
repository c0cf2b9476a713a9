package io.huitong.wallets;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;

/** The checks every amount a consumer sends is held to. */
final class WalletAmounts {

    /** The largest amount of one wallet movement, in minor units (as for payments). */
    static final long MAX_AMOUNT = 99_999_999_999L;

    private WalletAmounts() {
    }

    static void check(Long amount) {
        if (amount == null) {
            throw ApiException.missing("amount");
        }
        if (amount <= 0) {
            throw ApiException.invalid("amount", "amount must be a positive integer");
        }
        if (amount > MAX_AMOUNT) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "amount_too_large", "amount must be at most " + MAX_AMOUNT,
                    "amount");
        }
    }
}
