package io.huitong.identity;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.Duration;
import java.util.Optional;

/** Merchant onboarding and merchant secret keys. */
public interface Merchants {

    /** The longest grace period an old key may get at rotation. */
    Duration MAX_GRACE = Duration.ofDays(7);

    /** Onboards a merchant and issues its first secret key. */
    Onboarded onboard(NewMerchant request);

    Optional<Merchant> find(String id);

    Page<Merchant> list(PageRequest page);

    /**
     * Changes a merchant's settlement terms: fees from the next payment on, schedule and settlement currency from the
     * next settlement run on (runs read the terms when they start on a merchant).
     */
    Merchant changeTerms(String merchantId, MerchantTerms terms);

    /** The merchant's keys that work now or did in the last days (newest first), never the keys themselves. */
    java.util.List<MerchantKeyInfo> keys(String merchantId);

    /** Issues a new key; the merchant's current keys keep working for {@code grace}, then stop. */
    MerchantKey rotateKey(String merchantId, Duration grace);

    /**
     * Freezes the merchant (fraud, a court order, unpaid fees): its keys are refused with a 403 {@code merchant_frozen}, on
     * this instance at once and on the others within the few seconds they remember a key. 404 for an unknown merchant.
     */
    Merchant freeze(String merchantId);

    /** Lets a frozen merchant's keys work again; 409 {@code merchant_not_frozen} for one that is not frozen. */
    Merchant unfreeze(String merchantId);

    record Onboarded(Merchant merchant, MerchantKey key) {
    }
}
