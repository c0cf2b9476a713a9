package io.huitong.wallets.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;

/** The refusals of a movement out of a wallet; each changes nothing. */
final class WalletErrors {

    static final String FROZEN = "wallet_frozen";
    static final String INSUFFICIENT = "insufficient_funds";
    static final String LIMIT = "limit_exceeded";

    private WalletErrors() {
    }

    static ApiException frozen() {
        return new ApiException(403, ErrorType.PERMISSION_ERROR, FROZEN,
                "The wallet is frozen: no money leaves it until it is unfrozen.", null);
    }

    static ApiException insufficient() {
        return new ApiException(402, ErrorType.PAYMENT_ERROR, INSUFFICIENT, "The wallet's available balance is lower than the amount.",
                "amount");
    }

    static ApiException limit(String message) {
        return new ApiException(402, ErrorType.PAYMENT_ERROR, LIMIT, message, "amount");
    }
}
