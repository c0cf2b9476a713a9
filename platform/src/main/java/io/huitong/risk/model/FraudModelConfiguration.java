package io.huitong.risk.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads the fraud model at start: the file {@code huitong.risk.model-path} ({@code HUITONG_RISK_MODEL_PATH})
 * names, or else the model that comes with Huitong ({@code risk/fraud-model.ubj} on the class path). Beside the
 * model file lies its metadata, the same name ending in {@code .json} instead ({@link FraudModelMetadata}; for a model
 * in XGBoost's JSON format, {@code .meta.json}). A configured
 * path that is missing stops the start.
 */
@Configuration(proxyBeanMethods = false)
public class FraudModelConfiguration {

    /** The model that comes with Huitong, trained by {@code bench/train-fraud-model.sh}. */
    public static final String BUILT_IN = "risk/fraud-model.ubj";

    private static final Logger log = LoggerFactory.getLogger(FraudModelConfiguration.class);

    /** The model, as a {@link FraudModel} for the risk engine and with its threshold and metadata for whoever needs them. */
    @Bean
    XgboostFraudModel fraudModel(@Value("${huitong.risk.model-path:}") String modelPath) {
        XgboostFraudModel model;
        try {
            model = modelPath.isBlank() ? loadBuiltIn() : load(Path.of(modelPath));
        } catch (RuntimeException e) {
            throw new FraudModelUnavailableException("The fraud model could not be loaded: " + e.getMessage(), e);
        }
        FraudModelMetadata.Metrics test = model.metadata().test();
        log.info(String.format(Locale.ROOT, "fraud model %s from %s (%s), threshold %.4f; on %,d held-out payments: accuracy %.2f %%, "
                        + "precision %.2f %%, recall %.2f %%, false-positive rate %.3f %%, AUC %.4f", model.version(),
                modelPath.isBlank() ? "classpath:" + BUILT_IN : modelPath, model.metadata().library(), model.threshold(), test.events(),
                test.accuracy() * 100, test.precision() * 100, test.recall() * 100, test.falsePositiveRate() * 100, test.auc()));
        return model;
    }

    /** Loads the built-in model from the class path. */
    public static XgboostFraudModel loadBuiltIn() {
        ClassPathResource model = new ClassPathResource(BUILT_IN);
        ClassPathResource metadata = new ClassPathResource(metadataName(BUILT_IN));
        if (!model.exists() || !metadata.exists()) {
            throw new IllegalStateException("the built-in fraud model classpath:" + BUILT_IN + " (with its " + metadataName(BUILT_IN)
                    + ") is missing; run bench/train-fraud-model.sh or set huitong.risk.model-path (HUITONG_RISK_MODEL_PATH)");
        }
        try (InputStream m = model.getInputStream(); InputStream j = metadata.getInputStream()) {
            return XgboostFraudModel.load(m.readAllBytes(), JsonMapper.builder().build().readValue(j, FraudModelMetadata.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a model file and the metadata beside it. */
    public static XgboostFraudModel load(Path model) {
        Path metadata = model.resolveSibling(metadataName(model.getFileName().toString()));
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("huitong.risk.model-path (HUITONG_RISK_MODEL_PATH) names " + model.toAbsolutePath()
                    + ", which is not a file");
        }
        if (!Files.isRegularFile(metadata)) {
            throw new IllegalStateException("the fraud model " + model.toAbsolutePath() + " has no metadata beside it: "
                    + metadata.toAbsolutePath() + " is missing");
        }
        try {
            return XgboostFraudModel.load(Files.readAllBytes(model),
                    JsonMapper.builder().build().readValue(Files.readAllBytes(metadata), FraudModelMetadata.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code fraud-model.ubj} → {@code fraud-model.json}; a model in XGBoost's JSON format: {@code m.json} → {@code m.meta.json}. */
    static String metadataName(String modelName) {
        int dot = modelName.lastIndexOf('.');
        int slash = modelName.lastIndexOf('/');
        String base = dot > slash ? modelName.substring(0, dot) : modelName;
        return modelName.endsWith(".json") ? base + ".meta.json" : base + ".json";
    }
}
