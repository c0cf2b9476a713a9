/**
 * Risk control: a decision on every money movement (allow, challenge, review, block) from an operator's
 * rules, block and allow lists, velocity over sliding windows, and a fraud model scored in-process
 * ({@link io.huitong.risk.model.FraudModel} over {@link io.huitong.risk.model.Features}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Risk", allowedDependencies = {"kernel", "vault"})
package io.huitong.risk;
