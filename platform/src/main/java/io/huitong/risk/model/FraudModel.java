package io.huitong.risk.model;

/**
 * A trained fraud model, loaded at start and scored in-process: the probability, 0.0 to 1.0, that a money
 * movement with these features is fraud.
 */
public interface FraudModel {

    double probability(Features features);

    /** The model's name and version, as decisions and operators see it. */
    String version();
}
