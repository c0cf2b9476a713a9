package io.huitong.identity;

import java.time.Instant;

/**
 * A merchant secret key at the one moment it exists in plain text: when it is issued. Shown once to
 * the operator; only its hash is kept. {@code previousKeysExpireAt} is set when a rotation gave the
 * merchant's older keys a grace period.
 */
public record MerchantKey(String merchantId, String secretKey, Instant createdAt, Instant previousKeysExpireAt) {

    @Override
    public String toString() {
        return "MerchantKey[merchantId=" + merchantId + ", secretKey=sk_***]";
    }
}
