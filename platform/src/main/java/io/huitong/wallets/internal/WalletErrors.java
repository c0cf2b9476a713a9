package io.huitong.wallets.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;

/** The refusals of a movement out of a wallet; each changes nothing. */
final class WalletErrors {

    static final String FROZEN = "wallet_frozen";
    static final String INSUFFICIENT = "insufficient_funds";
    static final String LIMIT = "limit_exceeded";
    static final String VERIFICATION_REQUIRED = "verification_required";

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

    static ApiException limit(String message, String param) {
        return new ApiException(402, ErrorType.PAYMENT_ERROR, LIMIT, message, param);
    }

    static ApiException verificationRequired() {
        return new ApiException(403, ErrorType.PERMISSION_ERROR, VERIFICATION_REQUIRED, "No channel has verified the wallet's holder"
                + " yet: a wallet without a class holds and receives money but pays and transfers nothing from its balance. Verify"
                + " first (POST /v1/users/me/verification).", null);
    }
}
