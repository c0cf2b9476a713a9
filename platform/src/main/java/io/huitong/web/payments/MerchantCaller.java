package io.huitong.web.payments;

import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;

/** The merchant behind a merchant API call; other callers get 403. */
final class MerchantCaller {

    private MerchantCaller() {
    }

    static String id(ApiPrincipal caller) {
        if (caller.kind() != ApiPrincipal.Kind.MERCHANT) {
            throw new ApiException(403, ErrorType.PERMISSION_ERROR, "merchant_only",
                    "This endpoint is for merchants: authenticate with the merchant's secret key.", null);
        }
        return caller.id();
    }
}
