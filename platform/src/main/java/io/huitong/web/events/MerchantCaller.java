package io.huitong.web.events;

import io.huitong.identity.ApiPrincipal;
import io.huitong.web.error.ErrorCodes;

/** Events and webhook endpoints belong to merchants: only a merchant key may call these endpoints. */
final class MerchantCaller {

    private MerchantCaller() {
    }

    static String merchantId(ApiPrincipal caller) {
        if (caller.kind() != ApiPrincipal.Kind.MERCHANT) {
            throw ErrorCodes.forStatus(403);
        }
        return caller.id();
    }
}
