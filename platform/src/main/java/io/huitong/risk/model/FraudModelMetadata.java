package io.huitong.risk.model;

import java.util.List;

/**
 * What the training job wrote beside a model file ({@code fraud-model.json} beside {@code fraud-model.ubj}):
 * where it came from, the threshold it was tuned to, and how it did on data it never saw.
 *
 * @param version    the model's name and version, as decisions show it
 * @param library    what scores it, e.g. {@code xgboost4j 3.4.0}
 * @param seed       the generator's seed the training data came from
 * @param data       the generator's settings and how the days were split
 * @param features   the input's feature names, in order; must equal {@link Features#NAMES}
 * @param threshold  the probability from which a payment counts as fraud, tuned for a false-positive rate of at
 *                   most {@code targetFalsePositiveRate} on the validation days
 * @param targetFalsePositiveRate the false-positive rate the threshold was tuned for
 * @param validation the metrics on the validation days (where the threshold was chosen)
 * @param test       the metrics on the held-out test days, the later days of the stream
 */
public record FraudModelMetadata(String version, String library, long seed, String data, List<String> features, double threshold,
                                 double targetFalsePositiveRate, Metrics validation, Metrics test) {

    /**
     * A model's metrics on a labelled set at the threshold.
     *
     * @param events            how many
     * @param fraud             how many of them are fraud
     * @param accuracy          share of right answers
     * @param precision         of those flagged, the share that is fraud
     * @param recall            of the fraud, the share flagged
     * @param falsePositiveRate of the legitimate payments, the share flagged
     * @param auc               area under the ROC curve (threshold-free)
     * @param recallByLabel     recall per kind of fraud
     */
    public record Metrics(long events, long fraud, double accuracy, double precision, double recall, double falsePositiveRate,
                          double auc, java.util.Map<String, Double> recallByLabel) {
    }
}
