package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.payments.PaymentRefused;

/** The merchant a payment is for, with its fee terms; an unknown one is refused as not found. */
class MerchantLookup {

    private final Merchants merchants;

    MerchantLookup(Merchants merchants) {
        this.merchants = merchants;
    }

    Merchant of(String merchantId) {
        return merchants.find(merchantId).orElseThrow(() -> PaymentRefused.notFound("merchant", merchantId));
    }
}
