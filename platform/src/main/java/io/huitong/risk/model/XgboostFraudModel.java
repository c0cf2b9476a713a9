package io.huitong.risk.model;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A gradient-boosted tree model trained with XGBoost, scored in-process through XGBoost4J's in-place
 * prediction (no matrix built per call). Scoring is thread-safe: XGBoost's in-place prediction is, and the
 * booster is never changed after loading; each call uses one thread.
 */
public final class XgboostFraudModel implements FraudModel {

    private static final int WIDTH = Features.NAMES.size();

    private final Booster booster;
    private final FraudModelMetadata metadata;

    private XgboostFraudModel(Booster booster, FraudModelMetadata metadata) {
        this.booster = booster;
        this.metadata = metadata;
    }

    /** Loads a model file's bytes (XGBoost's UBJSON or JSON format) with its metadata. */
    public static XgboostFraudModel load(byte[] model, FraudModelMetadata metadata) {
        if (!Features.NAMES.equals(metadata.features())) {
            throw new IllegalArgumentException("the model " + metadata.version() + " was trained on the features "
                    + metadata.features() + ", not on " + Features.NAMES);
        }
        try {
            Booster booster = XGBoost.loadModel(model);
            booster.setParam("nthread", "1");
            XgboostFraudModel loaded = new XgboostFraudModel(booster, metadata);
            loaded.probability(new Features(10_000, 1, 12, 0, 0, 0, 0, false, false, 0, 60, 0, 365)); // fails now, not later
            return loaded;
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("not an XGBoost model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public double probability(Features features) {
        try {
            return booster.inplace_predict(features.vector(), 1, WIDTH, Float.NaN)[0][0];
        } catch (XGBoostError e) {
            throw new IllegalStateException("the fraud model " + metadata.version() + " failed to score: " + e.getMessage(), e);
        }
    }

    /** Whether this probability reaches the threshold the model was tuned to (see {@link FraudModelMetadata#threshold()}). */
    public boolean flags(double probability) {
        return probability >= metadata.threshold();
    }

    public double threshold() {
        return metadata.threshold();
    }

    public FraudModelMetadata metadata() {
        return metadata;
    }

    @Override
    public String version() {
        return metadata.version();
    }
}
