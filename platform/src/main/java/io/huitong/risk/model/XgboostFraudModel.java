package io.huitong.risk.model;

import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A gradient-boosted tree model trained with XGBoost. XGBoost4J loads it; it is scored in Java ({@link TreeEnsemble},
 * read from the model's own JSON), which answers as XGBoost does at a small part of the cost of a native call per
 * payment. On load both score a fixed set of inputs, and a model on which they disagree is scored by XGBoost's
 * in-place prediction instead. Scoring is thread-safe: nothing changes after loading.
 */
public final class XgboostFraudModel implements FraudModel {

    private static final int WIDTH = Features.NAMES.size();

    /** How far the Java evaluation may be from XGBoost's on the check inputs: single-precision rounding, nothing more. */
    static final double AGREEMENT = 1e-5;
    private static final int CHECK_INPUTS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(XgboostFraudModel.class);

    private final Booster booster;
    private final FraudModelMetadata metadata;
    private volatile TreeEnsemble trees;

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
            loaded.trees = inJava(booster, metadata);
            return loaded;
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("not an XGBoost model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model evaluated in Java, if it answers as XGBoost does on every check input; else null. */
    private static TreeEnsemble inJava(Booster booster, FraudModelMetadata metadata) throws XGBoostError {
        TreeEnsemble trees;
        try {
            trees = TreeEnsemble.fromJson(booster.toByteArray("json"));
        } catch (RuntimeException e) {
            log.warn("The fraud model {} is scored by XGBoost: {}", metadata.version(), e.getMessage());
            return null;
        }
        for (float[] input : checkInputs()) {
            double native_ = booster.inplace_predict(input, 1, WIDTH, Float.NaN)[0][0];
            if (Math.abs(trees.probability(input) - native_) > AGREEMENT) {
                log.warn("The fraud model {} is scored by XGBoost: its evaluation in Java disagrees on an input", metadata.version());
                return null;
            }
        }
        return trees;
    }

    /** Inputs over the features' ranges, missing values included, the same on every start. */
    static List<float[]> checkInputs() {
        java.util.Random random = new java.util.Random(2026);
        List<float[]> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < CHECK_INPUTS; i++) {
            float[] x = new float[WIDTH];
            x[0] = (float) Math.exp(random.nextDouble() * 16);            // amount, minor units, up to ~9,000,000
            x[1] = (float) Math.exp(random.nextGaussian() * 2);           // amount to the payer's median
            x[2] = random.nextInt(24);                                    // hour of day
            x[3] = random.nextInt(30);                                    // payer's count in the last hour
            x[4] = (float) Math.exp(random.nextDouble() * 17);            // payer's sum in the last day
            x[5] = random.nextInt(10);                                    // devices in the last day
            x[6] = random.nextInt(40);                                    // the address's count in the last hour
            x[7] = random.nextBoolean() ? 1f : 0f;                        // new device
            x[8] = random.nextBoolean() ? 1f : 0f;                        // country mismatch
            x[9] = (float) (random.nextDouble() * 5_000);                 // km from the last payment
            x[10] = (float) (random.nextDouble() * 100_000);              // minutes since the last payment
            x[11] = random.nextInt(30);                                   // small payments in the last hour
            x[12] = (float) (random.nextDouble() * 3_000);                // account age, days
            if (i % 10 == 0) {
                x[random.nextInt(WIDTH)] = Float.NaN;
            }
            inputs.add(x);
        }
        return inputs;
    }

    @Override
    public double probability(Features features) {
        TreeEnsemble java = trees;
        return java != null ? java.probability(features.vector()) : nativeProbability(features);
    }

    /** Whether the model is scored in Java (it agreed with XGBoost on load). */
    boolean scoredInJava() {
        return trees != null;
    }

    /** XGBoost's own score of the input. */
    double nativeProbability(Features features) {
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
