/**
 * The audit trail: every money movement and every operator action, as entries of an append-only hash
 * chain with a dense sequence, so that an altered or removed entry shows; each day's head sealed with an
 * SM2 signature whose key only the master key opens.
 *
 * <p>Entries are written in the transaction of what they record (into a queue), and a single chainer puts
 * them on the chain in the order they committed, numbering and hashing them. The domain ({@code domain})
 * is free of Spring and SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {"kernel", "vault"})
package io.huitong.audit;
