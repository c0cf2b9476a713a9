/**
 * Payments: the payment state machine, refunds and the channel port. The domain ({@code domain}) is
 * free of Spring and SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments", allowedDependencies = {"kernel", "ledger", "identity", "events", "vault", "risk"})
package io.huitong.payments;
