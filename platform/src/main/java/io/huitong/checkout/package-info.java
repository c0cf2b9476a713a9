/**
 * Hosted checkout (docs/checkout.md): a merchant's checkout session, the payment a payer makes on its page with one of
 * the methods the merchant allows, and the merchant's coupons. Every payment goes through payments (or, from a
 * Huitong wallet, through wallets); checkout never moves money itself. It learns how a payment ended from the events
 * payments records, in the same transaction: a session is complete and a coupon redeemed exactly when the payment
 * succeeded. The domain ({@code domain}) is free of Spring and SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkout",
        allowedDependencies = {"kernel", "identity", "payments", "wallets", "consumers", "events", "risk", "vault"})
package io.huitong.checkout;
