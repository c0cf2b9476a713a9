package io.huitong.checkout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A checkout session as stored, its status as of when it was read. {@code amountTotal} is what the payer pays:
 * {@code amount} less the coupon's {@code amountDiscount}. {@code paymentId} is the latest payment tried on it, the
 * succeeded one once complete.
 */
public record CheckoutSession(String id, String merchantId, String status, long amount, String currency, String description,
                              List<LineItem> lineItems, String successUrl, String cancelUrl, List<String> allowedMethods,
                              Map<String, String> metadata, String couponId, String couponCode, long amountDiscount, int attempt,
                              String paymentId, String paymentMethod, Instant expiresAt, Instant completedAt, Instant createdAt) {

    public static final String OPEN = "open";
    public static final String COMPLETE = "complete";
    public static final String EXPIRED = "expired";

    public long amountTotal() {
        return amount - amountDiscount;
    }

    public boolean open() {
        return OPEN.equals(status);
    }

    public boolean allows(String method) {
        return allowedMethods.contains(method);
    }
}
