package io.huitong.wallets;

import java.time.Instant;

/** A payment code (付款码) for a merchant to charge: 18 digits, valid once and until {@code expires_at}. */
public record PaymentCode(String code, String object, Instant expiresAt) {

    @Override
    public String toString() {
        return "PaymentCode[<hidden>, " + expiresAt + "]";
    }
}
