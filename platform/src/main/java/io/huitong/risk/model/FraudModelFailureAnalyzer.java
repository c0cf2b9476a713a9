package io.huitong.risk.model;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** When the fraud model cannot be loaded at start, Spring Boot prints this sentence instead of the exception chain. */
class FraudModelFailureAnalyzer extends AbstractFailureAnalyzer<FraudModelUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable failure, FraudModelUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(), "Point HUITONG_RISK_MODEL_PATH at a model file (e.g. fraud-model.ubj) with its "
                + "metadata beside it (fraud-model.json), as bench/train-fraud-model.sh --out=DIR writes them, or unset it to use the "
                + "built-in model.", cause);
    }
}
