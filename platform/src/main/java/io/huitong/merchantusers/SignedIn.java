package io.huitong.merchantusers;

/** The user behind a live session: who, of which merchant, with which role now, and the session's id. */
public record SignedIn(String sessionId, String userId, String merchantId, String email, MerchantRole role) {
}
