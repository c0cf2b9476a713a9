package io.huitong.identity;

import java.time.Instant;

/**
 * A merchant secret key as the merchant's dashboard lists it: which, in which mode, since when, and until when it works
 * (null: until the next rotation). Never the key or its hash.
 */
public record MerchantKeyInfo(String id, String mode, Instant createdAt, Instant expiresAt) {
}
